package audit

import "testing"

// SetInputChunk sets the number of list items converted per job in the
// rules' input (inputChunk) for the rest of the test, so that small
// inventories take the parallel conversion path.
func SetInputChunk(t testing.TB, n int) {
	t.Helper()
	old := inputChunk
	inputChunk = n
	t.Cleanup(func() { inputChunk = old })
}
