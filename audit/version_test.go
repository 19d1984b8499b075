package audit

import (
	"runtime/debug"
	"testing"
)

func TestVersionFrom(t *testing.T) {
	set := func(kv ...string) []debug.BuildSetting {
		var out []debug.BuildSetting
		for i := 0; i+1 < len(kv); i += 2 {
			out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	for _, tc := range []struct {
		name string
		bi   debug.BuildInfo
		want string
	}{
		{"go install @tag", debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, "v1.2.0"},
		{"go build in a checkout (Go stamps a pseudo-version)",
			debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261130115451-8a85c4dba585+dirty"},
				Settings: set("vcs.revision", "8a85c4dba585994a37454eeed1e7de159fa68e42", "vcs.modified", "true")},
			"v0.0.0-20261130115451-8a85c4dba585+dirty"},
		{"devel with a clean revision",
			debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
				Settings: set("vcs", "git", "vcs.revision", "3f2a9c1d00e4", "vcs.modified", "false")},
			"devel+3f2a9c1"},
		{"devel with a dirty revision",
			debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
				Settings: set("vcs.revision", "3f2a9c1d00e4", "vcs.modified", "true")},
			"devel+3f2a9c1-dirty"},
		{"no VCS information", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev"},
		{"empty", debug.BuildInfo{}, "dev"},
	} {
		if got := versionFrom(&tc.bi); got != tc.want {
			t.Errorf("%s: versionFrom = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestVersionUnstampedIsDev: a test binary carries no VCS stamp, so the
// reports' golden files keep "dev".
func TestVersionUnstampedIsDev(t *testing.T) {
	if version != "" {
		t.Skip("built with -ldflags -X")
	}
	if got := Version(); got != "dev" {
		t.Errorf("Version() in a test binary = %q, want dev", got)
	}
}
