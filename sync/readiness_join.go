package sync

import "time"

// JoinTarget is the interview "Join" opens at now (model.Snapshot.JoinTarget).
func JoinTarget(snap *Snapshot, now time.Time) (Interview, bool) { return snap.JoinTarget(now) }
