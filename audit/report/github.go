package report

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"github.com/ropa-project/ropa/audit"
	"github.com/ropa-project/ropa/inventory"
)

// GitHub Actions workflow commands: one annotation per finding,
//
//	::error file=F,line=L,col=C,title=RULE::message
//
// ::warning for warnings, ::notice for waived findings (with the waiver's
// reason), then a plain summary line. Values are escaped as the Actions
// runner expects: % CR LF in the message, and also : and , in properties.
// GitHub shows at most 10 annotations of each level per step in the
// pull-request diff; SARIF upload has no such limit.

func writeGitHub(w io.Writer, r *audit.Result) error {
	var buf bytes.Buffer
	for _, f := range r.Findings {
		cmd := "notice"
		msg := f.Message
		switch {
		case f.Waived:
			msg = "waived: " + msg + " (" + cmpOr(f.WaiverReason, "no reason given") + ")"
		case f.Severity == inventory.SeverityError:
			cmd = "error"
		case f.Severity == inventory.SeverityWarning:
			cmd = "warning"
		}
		if f.Reference != "" {
			msg += " [" + f.Reference + "]"
		}
		var props []string
		if f.Location.File != "" {
			props = append(props, "file="+ghProperty(f.Location.File))
			if f.Location.Line > 0 {
				props = append(props, "line="+strconv.Itoa(f.Location.Line))
				if f.Location.Column > 0 {
					props = append(props, "col="+strconv.Itoa(f.Location.Column))
				}
			}
		}
		props = append(props, "title="+ghProperty(f.Rule))
		buf.WriteString("::" + cmd + " " + strings.Join(props, ",") + "::" + ghData(msg) + "\n")
	}
	s := r.Summary
	buf.WriteString("ropa: " + plural(s.Errors, "error") + ", " + plural(s.Warnings, "warning") + ", " +
		strconv.Itoa(s.Waived) + " waived in " + plural(s.Files, "file") + " (" + plural(s.Activities, "activity") + ")\n")
	_, err := w.Write(buf.Bytes())
	return err
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
