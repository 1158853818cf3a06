package zoomsim

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// reply is a complete response, built under Sim.mu and written after it is
// released.
type reply struct {
	status int
	header http.Header
	body   []byte
}

func (rep reply) write(w http.ResponseWriter) {
	for k, vs := range rep.header {
		w.Header()[k] = vs
	}
	w.WriteHeader(rep.status)
	if len(rep.body) > 0 {
		_, _ = w.Write(rep.body)
	}
}

// withHeader returns rep with header k set to v.
func (rep reply) withHeader(k, v string) reply {
	if rep.header == nil {
		rep.header = make(http.Header)
	}
	rep.header.Set(k, v)
	return rep
}

// jsonContentType is what Zoom's API and OAuth endpoints send.
const jsonContentType = "application/json;charset=UTF-8"

func jsonReply(status int, v any) reply {
	b, err := json.Marshal(v)
	if err != nil {
		// Every value passed here is built from plain structs and maps.
		panic(fmt.Sprintf("zoomsim: encode reply: %v", err))
	}
	return reply{status: status, header: http.Header{"Content-Type": {jsonContentType}}, body: b}
}

func noContent() reply { return reply{status: http.StatusNoContent} }

func redirect(location string) reply {
	return reply{status: http.StatusFound, header: http.Header{"Location": {location}}}
}

func htmlReply(status int, page []byte) reply {
	return reply{status: status, header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, body: page}
}

// apiError is the REST API's error body: {"code":…,"message":…}.
type apiError struct {
	Code    int          `json:"code"`
	Message string       `json:"message"`
	Errors  []fieldError `json:"errors,omitempty"`
}

// fieldError is one entry of a validation error's "errors" list.
type fieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func zoomError(status, code int, message string) reply {
	return jsonReply(status, apiError{Code: code, Message: message})
}

// validationFailed is Zoom's code-300 answer to invalid fields.
func validationFailed(errs []fieldError) reply {
	return jsonReply(http.StatusBadRequest, apiError{Code: 300, Message: "Validation Failed.", Errors: errs})
}

// oauthError is the OAuth endpoints' error body, e.g.
// {"reason":"Invalid Token!","error":"invalid_grant"}.
func oauthError(status int, errCode, reason string) reply {
	return jsonReply(status, struct {
		Reason string `json:"reason"`
		Error  string `json:"error"`
	}{reason, errCode})
}

// controlError is the control API's error body: {"error":…}.
func controlError(status int, format string, args ...any) reply {
	return jsonReply(status, struct {
		Error string `json:"error"`
	}{fmt.Sprintf(format, args...)})
}

// notFound answers a path no route serves, in the shape of its area. For the
// REST API it is the gateway's answer to an unknown endpoint.
func notFound(a area) reply {
	switch a {
	case areaAPI:
		return zoomError(http.StatusNotFound, 2300, "This API endpoint is not recognized.")
	case areaOAuth:
		return oauthError(http.StatusNotFound, "invalid_request", "Not Found")
	case areaControl:
		return controlError(http.StatusNotFound, "no such control endpoint")
	}
	return reply{status: http.StatusNotFound, header: http.Header{"Content-Type": {"text/plain; charset=utf-8"}},
		body: []byte("404 page not found\n")}
}

// badBody answers a body that cannot be read or is too large.
func badBody(a area, msg string) reply {
	switch a {
	case areaAPI:
		return zoomError(http.StatusBadRequest, 300, "Request Body should be a valid JSON object.")
	case areaOAuth:
		return oauthError(http.StatusBadRequest, "invalid_request", msg)
	}
	return controlError(http.StatusBadRequest, "%s", msg)
}
