package zoomsim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// The control API under /_sim/ (documented in doc.go). It needs no token,
// is never rate-limited or faulted, and answers errors as {"error": "..."}.

// decodeStrict decodes a JSON body into v, refusing unknown fields so that a
// typo in a test fails loudly. An empty body leaves v as it is when
// emptyOK.
func decodeStrict(body []byte, v any, emptyOK bool) error {
	if len(bytes.TrimSpace(body)) == 0 {
		if emptyOK {
			return nil
		}
		return errors.New("a JSON body is required")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data after the JSON value")
	}
	return nil
}

// controlFailure maps a helper's error to a control API answer.
func controlFailure(err error) reply {
	switch {
	case errors.Is(err, ErrNoMeeting):
		return controlError(http.StatusNotFound, "%v", err)
	case errors.Is(err, ErrConflict):
		return controlError(http.StatusConflict, "%v", err)
	}
	return controlError(http.StatusBadRequest, "%v", err)
}

// ctlChange runs change on the meeting of the path /_sim/meetings/{id}/…
// and answers its view.
func (s *Sim) ctlChange(c *call, change func(*meeting, time.Time) error) reply {
	id, err := strconv.ParseInt(c.param, 10, 64)
	if err != nil {
		return controlFailure(fmt.Errorf("%w: %s", ErrNoMeeting, c.param))
	}
	v, err := s.changeMeeting(id, c.now, change)
	if err != nil {
		return controlFailure(err)
	}
	return jsonReply(http.StatusOK, v)
}

func (s *Sim) ctlListMeetings(c *call) reply {
	return jsonReply(http.StatusOK, s.views(c.now))
}

func (s *Sim) ctlCreateMeeting(c *call) reply {
	var spec MeetingSpec
	if err := decodeStrict(c.body, &spec, false); err != nil {
		return controlError(http.StatusBadRequest, "meeting: %v", err)
	}
	m, err := s.createMeeting(spec, c.now)
	if err != nil {
		return controlFailure(err)
	}
	return jsonReply(http.StatusCreated, s.view(m, c.now))
}

func (s *Sim) ctlUpdateMeeting(c *call) reply {
	var u MeetingUpdate
	if err := decodeStrict(c.body, &u, false); err != nil {
		return controlError(http.StatusBadRequest, "meeting update: %v", err)
	}
	return s.ctlChange(c, func(m *meeting, now time.Time) error { return s.updateMeeting(m, u, now) })
}

func (s *Sim) ctlDeleteMeeting(c *call) reply {
	if rep := s.ctlChange(c, cancelMeeting); rep.status != http.StatusOK {
		return rep
	}
	return noContent()
}

func (s *Sim) ctlEndMeeting(c *call) reply { return s.ctlChange(c, s.endMeeting) }

func (s *Sim) ctlRecording(c *call) reply {
	var req struct {
		Files []string `json:"files"`
	}
	if err := decodeStrict(c.body, &req, true); err != nil {
		return controlError(http.StatusBadRequest, "recording: %v", err)
	}
	return s.ctlChange(c, func(m *meeting, now time.Time) error { return s.makeRecordingReady(m, req.Files, now) })
}

// settingsState is the answer of GET and PUT /_sim/settings.
type settingsState struct {
	Settings map[string]any `json:"settings"`
	Locked   []string       `json:"locked"`
}

func (s *Sim) ctlGetSettings(*call) reply {
	return jsonReply(http.StatusOK, settingsState{s.settings, s.lockedList()})
}

func (s *Sim) ctlPutSettings(c *call) reply {
	tree, err := decodeTree(c.body)
	if err != nil {
		return controlError(http.StatusBadRequest, "settings: %v", err)
	}
	var locked []string
	if raw, ok := tree["locked"]; ok {
		list, ok := raw.([]any)
		if !ok {
			return controlError(http.StatusBadRequest, "settings: locked must be a list of names")
		}
		locked = []string{}
		for _, v := range list {
			name, ok := v.(string)
			if !ok {
				return controlError(http.StatusBadRequest, "settings: locked must be a list of names")
			}
			locked = append(locked, name)
		}
		delete(tree, "locked")
	}
	if err := s.setSettings(tree, locked); err != nil {
		return controlError(http.StatusBadRequest, "%v", err)
	}
	return jsonReply(http.StatusOK, settingsState{s.settings, s.lockedList()})
}

// clockState is the answer of GET and POST /_sim/clock.
type clockState struct {
	Now time.Time `json:"now"`
}

func (s *Sim) ctlGetClock(c *call) reply {
	return jsonReply(http.StatusOK, clockState{c.now})
}

func (s *Sim) ctlAdvanceClock(c *call) reply {
	var req struct {
		Advance string `json:"advance"`
	}
	if err := decodeStrict(c.body, &req, false); err != nil {
		return controlError(http.StatusBadRequest, "clock: %v", err)
	}
	d, err := time.ParseDuration(req.Advance)
	if err != nil || d < 0 {
		return controlError(http.StatusBadRequest, "clock: advance must be a non-negative duration such as \"90m\"")
	}
	s.offset += d
	return jsonReply(http.StatusOK, clockState{c.now.Add(d)})
}

func (s *Sim) ctlTokens(c *call) reply {
	return jsonReply(http.StatusOK, s.tokenInfos(c.now))
}

func (s *Sim) ctlExpireTokens(c *call) reply {
	return jsonReply(http.StatusOK, map[string]int{"expired": s.expireTokens(c.now)})
}

func (s *Sim) ctlListFaults(*call) reply {
	out := []*Fault{}
	out = append(out, s.faults...)
	return jsonReply(http.StatusOK, out)
}

func (s *Sim) ctlAddFault(c *call) reply {
	var j faultJSON
	var f Fault
	if err := decodeStrict(c.body, &j, false); err != nil {
		return controlError(http.StatusBadRequest, "fault: %v", err)
	}
	if err := j.toFault(&f); err != nil {
		return controlError(http.StatusBadRequest, "fault: %v", err)
	}
	if err := f.validate(); err != nil {
		return controlError(http.StatusBadRequest, "fault: %v", err)
	}
	s.addFault(f)
	return jsonReply(http.StatusCreated, s.faults[len(s.faults)-1])
}

func (s *Sim) ctlClearFaults(*call) reply {
	s.faults = nil
	return noContent()
}

func (s *Sim) ctlStats(*call) reply {
	return jsonReply(http.StatusOK, s.stats)
}

func (s *Sim) ctlUser(*call) reply {
	return jsonReply(http.StatusOK, s.user())
}
