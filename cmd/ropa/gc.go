package main

import (
	"os"
	"runtime/debug"
)

// gcPercent and gcMemoryLimit tune the garbage collector for a run of
// ropa, unless the user set GOGC or GOMEMLIMIT. An audit builds the
// inventory, then the rules' input, and keeps both until the report: at
// the default GOGC=100 the collector runs every time the heap doubles
// and mostly rescans what is still live (8% of the CPU of an audit of
// 10k activities). At 400 it runs a quarter as often: BenchmarkLoadAndAudit
// at 10k went from 2.4-2.8 s to 2.1-2.2 s (BENCHMARKS.md). The soft
// memory limit makes it collect harder as the heap nears 1.375 GiB: at
// 100k activities (~0.9 GB live while two rules are evaluated at once)
// GOGC=100 alone peaked at 1.7 GiB of RSS; with the limit the peak stays
// under 1.5 GiB, for some more collection time.
const (
	gcPercent     = 400
	gcMemoryLimit = 1408 << 20
)

func init() { tuneGC() }

func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(gcMemoryLimit)
	}
}
