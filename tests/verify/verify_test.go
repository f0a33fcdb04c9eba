package verify_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/tests/verify"
)

const (
	requestID  = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
	extendedID = "Mb5PBEOmIAMEYGw="
	logGroup   = "/apigateway/apigw-access-logs/dev/access"
	filterOp   = "Logs_20140328.FilterLogEvents"
)

// now is the request time the tests give Check; the search must start one StartSkew before it.
var now = time.Date(2026, 11, 7, 10, 0, 0, 0, time.UTC)

// filterCall is the FilterLogEvents request the SDK client sent, as the JSON 1.1 protocol writes it.
type filterCall struct {
	LogGroupName  string `json:"logGroupName"`
	FilterPattern string `json:"filterPattern"`
	StartTime     int64  `json:"startTime"`
	NextToken     string `json:"nextToken"`
}

// page is a FilterLogEvents answer: events' messages and a next token, or an error type (__type).
type page struct {
	messages  []string
	nextToken string
	errType   string
}

// fakeAWS is one local server standing in for both the stage (any GET) and CloudWatch Logs (a POST with
// X-Amz-Target Logs_20140328.FilterLogEvents). answer gives the page for a call; poll counts searches
// (calls without a next token) from 1.
type fakeAWS struct {
	stageHeader http.Header
	stageStatus int
	answer      func(poll int, c filterCall) page

	mu       sync.Mutex
	gets     []string
	calls    []filterCall
	polls    int
	protocol []string // Content-Type of each CloudWatch Logs call
}

func newFake(t *testing.T, f *fakeAWS) (*httptest.Server, verify.Options) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(srv.Close)
	logs := cloudwatchlogs.NewFromConfig(aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		HTTPClient:  srv.Client(),
	}, func(o *cloudwatchlogs.Options) { o.BaseEndpoint = aws.String(srv.URL) })
	return srv, verify.Options{
		InvokeURL:    srv.URL + "/dev",
		LogGroup:     logGroup,
		Timeout:      5 * time.Second,
		PollInterval: 10 * time.Millisecond,
		HTTPClient:   srv.Client(),
		Logs:         logs,
		Now:          func() time.Time { return now },
	}
}

func (f *fakeAWS) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.Method == http.MethodGet {
		f.gets = append(f.gets, r.URL.Path)
		for k, v := range f.stageHeader {
			w.Header()[k] = v
		}
		status := f.stageStatus
		if status == 0 {
			status = http.StatusOK
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(`{"status":"ok"}`))
		return
	}
	if r.Header.Get("X-Amz-Target") != filterOp {
		http.Error(w, "unexpected call "+r.Method+" "+r.Header.Get("X-Amz-Target"), http.StatusNotImplemented)
		return
	}
	var c filterCall
	if err := json.NewDecoder(r.Body).Decode(&c); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f.calls = append(f.calls, c)
	f.protocol = append(f.protocol, r.Header.Get("Content-Type"))
	if c.NextToken == "" {
		f.polls++
	}
	p := f.answer(f.polls, c)
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	if p.errType != "" {
		w.WriteHeader(http.StatusBadRequest)
		_ = json.NewEncoder(w).Encode(map[string]string{"__type": p.errType, "message": "from the fake"})
		return
	}
	type event struct {
		LogStreamName string `json:"logStreamName"`
		Timestamp     int64  `json:"timestamp"`
		Message       string `json:"message"`
		IngestionTime int64  `json:"ingestionTime"`
		EventID       string `json:"eventId"`
	}
	out := struct {
		Events    []event `json:"events"`
		NextToken string  `json:"nextToken,omitempty"`
	}{Events: []event{}, NextToken: p.nextToken}
	for i, m := range p.messages {
		out.Events = append(out.Events, event{"stream", now.UnixMilli(), m, now.UnixMilli() + 900, string(rune('a' + i))})
	}
	_ = json.NewEncoder(w).Encode(out)
}

func (f *fakeAWS) snapshot() (gets []string, calls []filterCall, polls int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.gets...), append([]filterCall(nil), f.calls...), f.polls
}

func (f *fakeAWS) protocols() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.protocol...)
}

func restHeaders() http.Header {
	h := http.Header{}
	h.Set("x-amzn-RequestId", requestID)
	h.Set("x-amz-apigw-id", extendedID)
	return h
}

func preset(t *testing.T, name string, api accesslog.APIType) string {
	t.Helper()
	f, ok := accesslog.Preset(name, api)
	require.True(t, ok, "preset %s for %s", name, api)
	return f
}

// jsonLine renders the json preset with the ids and a few chosen values; every other variable is "-".
func jsonLine(t *testing.T, id string) string {
	t.Helper()
	values := map[accesslog.Var]string{
		accesslog.RequestID: id, accesslog.ExtendedRequestID: extendedID, accesslog.HTTPMethod: "GET",
		accesslog.ResourcePath: "/health", accesslog.Status: "200",
	}
	line, err := accesslog.Render(preset(t, "json", accesslog.REST), accesslog.REST, func(v accesslog.Var) string {
		if s, ok := values[v]; ok {
			return s
		}
		return "-"
	})
	require.NoError(t, err)
	return line
}

func TestCheckFindsTheLineOnTheThirdPoll(t *testing.T) {
	t.Parallel()
	f := &fakeAWS{stageHeader: restHeaders()}
	line := jsonLine(t, requestID)
	f.answer = func(poll int, _ filterCall) page {
		if poll < 3 {
			return page{}
		}
		return page{messages: []string{line}}
	}
	_, o := newFake(t, f)
	o.Path = "/health"
	o.Format = preset(t, "json", accesslog.REST)

	res, err := verify.Check(context.Background(), o)
	require.NoError(t, err)

	gets, calls, polls := f.snapshot()
	assert.Equal(t, []string{"/dev/health"}, gets, "the stage is called once, at InvokeURL+Path")
	assert.Equal(t, 3, polls)
	assert.Equal(t, 3, res.Polls)
	assert.Equal(t, []string{"application/x-amz-json-1.1", "application/x-amz-json-1.1", "application/x-amz-json-1.1"},
		f.protocols(), "the real SDK client, JSON 1.1")
	require.Len(t, calls, 3)
	for _, c := range calls {
		assert.Equal(t, logGroup, c.LogGroupName)
		assert.Equal(t, `"c6af9ac6-7b61-11e6-9a41-93e8deadbeef"`, c.FilterPattern)
		assert.Equal(t, now.Add(-time.Minute).UnixMilli(), c.StartTime)
	}
	assert.Equal(t, requestID, res.RequestID)
	assert.Equal(t, "x-amzn-RequestId", res.Header)
	assert.Equal(t, http.StatusOK, res.Status)
	assert.Equal(t, line, res.Line)
	assert.Equal(t, requestID, res.Fields["requestId"])
	assert.Equal(t, extendedID, res.Fields["extendedRequestId"])
	assert.Equal(t, "GET", res.Fields["httpMethod"])
	assert.Equal(t, "/health", res.Fields["resourcePath"])
	assert.Equal(t, "200", res.Fields["status"])
}

func TestCheckParsesTheLineWithItsFormat(t *testing.T) {
	t.Parallel()
	httpID := "WSg1ihmdliAEJXA="
	tests := []struct {
		name    string
		header  http.Header
		status  int
		format  string
		line    string
		pattern string
		want    map[string]string
	}{
		{
			name:    "clf preset, a 403 API Gateway answered itself",
			header:  restHeaders(),
			status:  http.StatusForbidden,
			format:  preset(t, "clf", accesslog.REST),
			line:    `203.0.113.7 - - [07/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 403 42 ` + requestID + " " + extendedID,
			pattern: `"` + requestID + `"`,
			want: map[string]string{
				"identity.sourceIp": "203.0.113.7", "identity.caller": "-", "identity.user": "-",
				"requestTime": "07/Nov/2026:10:00:00 +0000", "httpMethod": "GET", "resourcePath": "/",
				"protocol": "HTTP/1.1", "status": "403", "responseLength": "42", "requestId": requestID,
				"extendedRequestId": extendedID,
			},
		},
		{
			name: "http-clf preset, the HTTP API header",
			header: http.Header{
				"Apigw-Requestid": {httpID},
			},
			format:  preset(t, "http-clf", accesslog.HTTP),
			line:    `203.0.113.7 - - [07/Nov/2026:10:00:00 +0000] "GET GET /health HTTP/1.1" 200 15 ` + httpID + " " + httpID,
			pattern: `"` + httpID + `"`,
			want: map[string]string{
				"identity.sourceIp": "203.0.113.7", "requestTime": "07/Nov/2026:10:00:00 +0000",
				"httpMethod": "GET", "routeKey": "GET /health", "protocol": "HTTP/1.1", "status": "200",
				"responseLength": "15", "requestId": httpID, "extendedRequestId": httpID,
			},
		},
		{
			name:    "a format with only the extended id: searched by x-amz-apigw-id",
			header:  restHeaders(),
			format:  `{"xid":"$context.extendedRequestId","status":$context.status}`,
			line:    `{"xid":"` + extendedID + `","status":200}`,
			pattern: `"` + extendedID + `"`,
			want:    map[string]string{"xid": extendedID, "status": "200"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := &fakeAWS{stageHeader: tt.header, stageStatus: tt.status}
			f.answer = func(int, filterCall) page { return page{messages: []string{tt.line}} }
			_, o := newFake(t, f)
			o.Format = tt.format

			res, err := verify.Check(context.Background(), o)
			require.NoError(t, err)
			assert.Equal(t, tt.want, res.Fields)
			_, calls, _ := f.snapshot()
			require.Len(t, calls, 1)
			assert.Equal(t, tt.pattern, calls[0].FilterPattern)
		})
	}
}

func TestCheckTimesOutWithWhatToCheck(t *testing.T) {
	t.Parallel()
	f := &fakeAWS{stageHeader: restHeaders(), answer: func(int, filterCall) page { return page{} }}
	_, o := newFake(t, f)
	o.Format = preset(t, "json", accesslog.REST)
	o.Timeout, o.PollInterval = 50*time.Millisecond, 10*time.Millisecond

	start := time.Now()
	res, err := verify.Check(context.Background(), o)
	require.Error(t, err)
	assert.Less(t, time.Since(start), 2*time.Second, "the wait is bounded by Timeout")
	msg := err.Error()
	assert.Contains(t, msg, "no access-log line for request "+requestID+" in log group "+logGroup+" after 50ms")
	for _, hint := range []string{"access logging is on", "cloudwatchRoleArn", "logGroupName", "$context.requestId"} {
		assert.Contains(t, msg, hint)
	}
	_, _, polls := f.snapshot()
	assert.GreaterOrEqual(t, polls, 2, "it polled more than once before giving up")
	assert.Equal(t, polls, res.Polls)
}

func TestCheckTimeoutNamesALineWithTheIDElsewhere(t *testing.T) {
	t.Parallel()
	// The id appears, but as the user agent of another request: not this request's line.
	other := strings.Replace(jsonLine(t, "0d3f7ae9-b1e2-4b8a-9c51-8d4a1b072f6e"), `"userAgent":"-"`, `"userAgent":"`+requestID+`"`, 1)
	require.Contains(t, other, requestID)
	f := &fakeAWS{stageHeader: restHeaders(), answer: func(int, filterCall) page { return page{messages: []string{other}} }}
	_, o := newFake(t, f)
	o.Format = preset(t, "json", accesslog.REST)
	o.Timeout, o.PollInterval = 50*time.Millisecond, 10*time.Millisecond

	_, err := verify.Check(context.Background(), o)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no access-log line for request "+requestID)
	assert.Contains(t, err.Error(), "1 line(s) mention the id outside the format's request-id fields")
}

func TestCheckWithoutRequestIDHeader(t *testing.T) {
	t.Parallel()
	f := &fakeAWS{stageHeader: http.Header{"Server": {"a-proxy"}}, answer: func(int, filterCall) page { return page{} }}
	_, o := newFake(t, f)
	o.Format = preset(t, "json", accesslog.REST)

	_, err := verify.Check(context.Background(), o)
	require.Error(t, err)
	for _, h := range []string{"x-amzn-RequestId", "apigw-requestid", "x-amz-apigw-id", "200 OK"} {
		assert.Contains(t, err.Error(), h)
	}
	_, calls, _ := f.snapshot()
	assert.Empty(t, calls, "no search without an id")
}

func TestCheckCloudWatchErrorsEndTheCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		errType string
		want    string
	}{
		{"ResourceNotFoundException", "log group " + logGroup + " does not exist in this account and region"},
		{"AccessDeniedException", "not allowed to search log group " + logGroup + ": the credentials need logs:FilterLogEvents"},
	}
	for _, tt := range tests {
		t.Run(tt.errType, func(t *testing.T) {
			t.Parallel()
			f := &fakeAWS{stageHeader: restHeaders(), answer: func(int, filterCall) page { return page{errType: tt.errType} }}
			_, o := newFake(t, f)
			o.Format = preset(t, "json", accesslog.REST)

			_, err := verify.Check(context.Background(), o)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), tt.errType, "the service's error is kept")
			_, calls, _ := f.snapshot()
			assert.Len(t, calls, 1, "no retry loop")
		})
	}
}

func TestCheckFollowsNextToken(t *testing.T) {
	t.Parallel()
	line := jsonLine(t, requestID)
	f := &fakeAWS{stageHeader: restHeaders()}
	f.answer = func(_ int, c filterCall) page {
		switch c.NextToken {
		case "":
			return page{nextToken: "page-2"} // CloudWatch Logs may answer a page with no events and a token
		case "page-2":
			return page{nextToken: "page-3"}
		}
		return page{messages: []string{line}}
	}
	_, o := newFake(t, f)
	o.Format = preset(t, "json", accesslog.REST)

	res, err := verify.Check(context.Background(), o)
	require.NoError(t, err)
	assert.Equal(t, line, res.Line)
	assert.Equal(t, 1, res.Polls, "three pages are one search")
	_, calls, _ := f.snapshot()
	require.Len(t, calls, 3)
	assert.Equal(t, []string{"", "page-2", "page-3"}, []string{calls[0].NextToken, calls[1].NextToken, calls[2].NextToken})
	for _, c := range calls {
		assert.Equal(t, `"`+requestID+`"`, c.FilterPattern, "every page keeps the filter")
		assert.Equal(t, logGroup, c.LogGroupName)
	}
}

func TestCheckLineInAnotherFormat(t *testing.T) {
	t.Parallel()
	clf := `203.0.113.7 - - [07/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 42 ` + requestID + " " + extendedID
	f := &fakeAWS{stageHeader: restHeaders(), answer: func(int, filterCall) page { return page{messages: []string{clf}} }}
	_, o := newFake(t, f)
	o.Format = preset(t, "json", accesslog.REST)

	_, err := verify.Check(context.Background(), o)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the line for request "+requestID+" in log group "+logGroup+" does not parse")
	assert.Contains(t, err.Error(), clf)
	_, calls, _ := f.snapshot()
	assert.Len(t, calls, 1, "a format mismatch does not go away by waiting")
}

func TestCheckRefusesBadOptions(t *testing.T) {
	t.Parallel()
	_, err := verify.Check(context.Background(), verify.Options{InvokeURL: "https://example.com/dev"})
	require.Error(t, err)
	assert.Equal(t, "verify options: LogGroup, Format, Logs required", err.Error())

	_, o := newFake(t, &fakeAWS{})
	o.Format = `$context.status $context.httpMethod`
	_, err = verify.Check(context.Background(), o)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "neither $context.requestId nor $context.extendedRequestId")
}
