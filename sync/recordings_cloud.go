package sync

import (
	"context"
	"time"

	"github.com/interviewtray/interviewtray/sync/internal/cloudlist"
	"github.com/interviewtray/interviewtray/zoom"
)

// Cloud recordings of an interview the user hosts are followed after its
// scheduled end (zoom-api.md section 8):
//
//  1. past_meetings/{uuid} until Zoom says the meeting ended (404 code 3001
//     means not yet), after 5, 10, 15, 30 minutes, then hourly;
//  2. meetings/{instance uuid}/recordings from the actual end, after 10,
//     20, 40, 80 ... minutes (at most 4 hours apart; 404 code 3301 means
//     not yet), for up to 24 hours;
//  3. when every file is completed: the "recording ready" event, once
//     (state.json remembers it across restarts).
//
// Only the host sees a meeting's cloud recordings, so meetings the user is
// only an alternative host of or invited to are not followed.

// Cloud tracker phases.
const (
	cloudWaitEnd       = "wait_end"       // asking past_meetings
	cloudWaitRecording = "wait_recording" // asking for the recording
	cloudDone          = "done"           // found and ready
	cloudGaveUp        = "gave_up"        // nothing within followFor
	cloudUnavailable   = "unavailable"    // not visible to us (free plan, not the host)
)

// cloudTracker follows one occurrence's cloud recording.
type cloudTracker struct {
	Phase        string    `json:"phase"`
	Next         time.Time `json:"next"`
	Attempts     int       `json:"attempts"` // in the current phase
	InstanceUUID string    `json:"instance_uuid,omitempty"`
}

func (t *cloudTracker) active() bool {
	return t.Phase == cloudWaitEnd || t.Phase == cloudWaitRecording
}

// cloudStep is the outcome of one call for a tracker.
type cloudStep struct {
	tracker   cloudTracker
	endedAt   time.Time  // set when past_meetings said the meeting ended
	recording *Recording // set when the recordings endpoint answered
}

// checkCloud makes the call the tracker is waiting for and returns the
// tracker's next state. A failure that is not about this meeting (offline,
// rate limited, signed out ...) is returned as an error and the tracker is
// left as it was.
func checkCloud(ctx context.Context, c *zoom.Client, p *pastOcc, now time.Time) (cloudStep, error) {
	t := p.Cloud
	switch t.Phase {
	case cloudWaitEnd:
		id := p.UUID
		if id == "" {
			id = itoa(p.ID)
		}
		pm, err := c.GetPastMeeting(ctx, id)
		switch {
		case err == nil && pm.EndTime.IsZero():
			err = &zoom.Error{StatusCode: 404, Code: zoom.CodeMeetingNotFound, Message: "no end time yet"}
		case err == nil && pm.EndTime.Before(p.Start.Add(-time.Hour)):
			// An older instance of a recurring meeting: this one has not ended.
			err = &zoom.Error{StatusCode: 404, Code: zoom.CodeMeetingNotFound, Message: "older instance"}
		}
		if err == nil {
			t.Phase, t.Attempts = cloudWaitRecording, 0
			t.InstanceUUID = pm.UUID
			if t.InstanceUUID == "" {
				t.InstanceUUID = p.UUID
			}
			t.Next = pm.EndTime.Add(recordingWait(1))
			return cloudStep{tracker: t, endedAt: pm.EndTime}, nil
		}
		if zoom.IsMeetingNotFound(err) {
			t.Attempts++
			t.Next = now.Add(pastMeetingWait(t.Attempts))
			if now.Sub(p.end()) > followFor {
				t.Phase = cloudGaveUp
			}
			return cloudStep{tracker: t}, nil
		}
		if unavailable(err) {
			t.Phase = cloudUnavailable
			return cloudStep{tracker: t}, nil
		}
		return cloudStep{}, err
	case cloudWaitRecording:
		rm, err := c.GetMeetingRecordings(ctx, t.InstanceUUID)
		if err == nil && len(rm.RecordingFiles) > 0 {
			rec := cloudRecording(rm, p, now)
			t.Attempts++
			if rec.State == RecReady {
				t.Phase = cloudDone
			} else {
				t.Next = now.Add(recordingWait(1))
			}
			return cloudStep{tracker: t, recording: &rec}, nil
		}
		if err == nil || zoom.IsNoRecording(err) {
			t.Attempts++
			t.Next = p.endedOr().Add(cumulativeRecordingWait(t.Attempts + 1))
			if !t.Next.After(now) {
				t.Next = now.Add(recordingWait(t.Attempts + 1))
			}
			if now.Sub(p.endedOr()) > followFor {
				t.Phase = cloudGaveUp
			}
			return cloudStep{tracker: t}, nil
		}
		if unavailable(err) {
			t.Phase = cloudUnavailable
			return cloudStep{tracker: t}, nil
		}
		return cloudStep{}, err
	}
	return cloudStep{tracker: t}, nil
}

// cumulativeRecordingWait is the time from the end to the n-th ask.
func cumulativeRecordingWait(n int) time.Duration {
	var d time.Duration
	for i := 1; i <= n; i++ {
		d += recordingWait(i)
	}
	return d
}

// unavailable reports an answer that will not change by asking again for
// this meeting: not found (other than "not yet"), forbidden, or the free
// plan's "only available for paid account" (400 code 200).
func unavailable(err error) bool {
	ze, ok := zoom.AsError(err)
	if !ok {
		return false
	}
	switch ze.StatusCode {
	case 400, 403, 404:
		return true
	}
	return false
}

// cloudRecording turns Zoom's recording into ours: Watch is the first MP4
// (speaker view preferred), Listen the M4A, Transcript the audio
// transcript; the share link with its passcode. It is processing while
// any file is not completed.
func cloudRecording(rm *zoom.RecordingMeeting, p *pastOcc, now time.Time) Recording {
	r := Recording{
		MeetingUUID: rm.UUID,
		MeetingID:   rm.ID,
		Topic:       rm.Topic,
		StartTime:   rm.StartTime,
		Kind:        KindCloud,
		State:       RecReady,
		Passcode:    rm.Password,
		ReadyAt:     now,
	}
	if p != nil {
		r.MeetingID, r.Topic, r.EndedAt = p.ID, p.Topic, p.EndedAt
		if r.MeetingUUID == "" {
			r.MeetingUUID = p.Cloud.InstanceUUID
		}
	}
	sum := rm.Summary()
	links, processing := cloudlist.ChooseLinks(&sum)
	r.Links = Links(links)
	if processing {
		r.State = RecProcessing
	}
	if r.State != RecReady {
		r.ReadyAt = time.Time{}
	}
	return r
}

// recordingsFromList turns the kept recordings list (users/me/recordings,
// newest first, see cloudlist.Recording) into recordings of interviews: those
// whose topic the rules match or whose meeting has an include override,
// unless excluded. Only the newest maxSnapshotRecordings are kept: no
// snapshot shows more. It is pure and runs after every list (up to
// thousands of recordings) and every change of the rules.
func recordingsFromList(kept []cloudlist.Recording, m matcher, overrides map[int64]Override) []Recording {
	out := make([]Recording, 0, min(len(kept), maxSnapshotRecordings))
	for i := range kept {
		if len(out) == maxSnapshotRecordings {
			break
		}
		k := &kept[i]
		if k.UUID == "" || !m.isInterview(k.Topic, overrides[k.ID]) {
			continue
		}
		r := Recording{
			MeetingUUID: k.UUID,
			MeetingID:   k.ID,
			Topic:       k.Topic,
			StartTime:   k.Start,
			Kind:        KindCloud,
			State:       RecReady,
			Passcode:    k.Passcode,
			Links:       Links(k.Links),
		}
		if k.Processing {
			r.State = RecProcessing
		}
		out = append(out, r)
	}
	return out
}
