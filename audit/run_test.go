package audit

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"
)

// TestRunFirstFailureInOrder: whatever the number of workers, run reports
// the first failing job in job order, cancels the jobs after it, and lets
// the jobs before it finish.
func TestRunFirstFailureInOrder(t *testing.T) {
	for _, workers := range []int{0, 1, 2, 3, 8, 50} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) {
			const n = 20
			errs := make([]error, n)
			var started atomic.Int32
			run(context.Background(), n, workers, func(ctx context.Context, i int) error {
				started.Add(1)
				switch i {
				case 5:
					time.Sleep(20 * time.Millisecond) // fails after 12 has
					errs[i] = errors.New("five")
				case 12:
					errs[i] = errors.New("twelve")
				case 15: // would loop: must be cancelled or never started
					<-ctx.Done()
					errs[i] = ctx.Err()
				}
				return errs[i]
			})
			var first error
			for _, err := range errs {
				if err != nil {
					first = err
					break
				}
			}
			if first == nil || first.Error() != "five" {
				t.Fatalf("first error = %v, want five", first)
			}
			if started.Load() < 6 {
				t.Errorf("only %d jobs started: the jobs before the failure must run", started.Load())
			}
		})
	}
}
