package verify

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

// The response headers that carry the request id, in the order Check reads them.
const (
	// RequestIDHeader is where REST and WebSocket APIs return $context.requestId: "API Gateway returns this
	// request ID in the x-amzn-RequestId response header" [V, API Gateway developer guide, "Access logging
	// for REST APIs", https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html].
	RequestIDHeader = "x-amzn-RequestId"
	// HTTPAPIRequestIDHeader is the one HTTP APIs return instead (`apigw-requestid: WSg1ihmdliAEJXA=`) [S: seen
	// in captured HTTP API responses and in client code that reads it; the developer-guide pages searched do
	// not name it]. Its value has the shape of an HTTP API's $context.requestId, which the catalogue records
	// as equal to $context.extendedRequestId there, so Check accepts it for either [U].
	HTTPAPIRequestIDHeader = "apigw-requestid"
	// ExtendedRequestIDHeader is where REST APIs return $context.extendedRequestId [V, same page as
	// RequestIDHeader]. Check searches for it only when the format logs $context.extendedRequestId and not
	// $context.requestId.
	ExtendedRequestIDHeader = "x-amz-apigw-id"
)

// Defaults of [Options].
const (
	DefaultPath = "/"
	// DefaultTimeout is how long Check waits for the line. Access logs usually reach CloudWatch Logs within
	// seconds to a minute of the request; no AWS page found states a delivery time, so two minutes is our
	// choice: twice the usual worst case, short enough for a deploy pipeline.
	DefaultTimeout      = 2 * time.Minute
	DefaultPollInterval = 5 * time.Second
	// StartSkew is how far before the request (by the local clock) the search starts, for a local clock
	// ahead of AWS's. The filter pattern, not the window, narrows the search, so a wide margin costs little.
	StartSkew = time.Minute
)

// LogsAPI is the part of the CloudWatch Logs API that Check uses; *cloudwatchlogs.Client satisfies it.
type LogsAPI interface {
	FilterLogEvents(ctx context.Context, in *cloudwatchlogs.FilterLogEventsInput,
		optFns ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.FilterLogEventsOutput, error)
}

// Options says what Check calls and where it looks. InvokeURL, LogGroup, Format and Logs are required.
type Options struct {
	// InvokeURL is the stage's base URL (the stack output invokeUrl).
	InvokeURL string
	// Path is appended to InvokeURL; default [DefaultPath]. Any status is fine: API Gateway logs a 403 or
	// 404 it answers itself too.
	Path string
	// LogGroup is the access-log group's name (the stack output logGroupName).
	LogGroup string
	// Format is the access-log format as sent to API Gateway (the stack output accessLogFormat).
	Format string
	// Timeout bounds the wait for the line, after the call; default [DefaultTimeout].
	Timeout time.Duration
	// PollInterval is the time between searches; default [DefaultPollInterval].
	PollInterval time.Duration
	// HTTPClient calls InvokeURL; default a client with a 30-second timeout.
	HTTPClient *http.Client
	// Logs searches the log group.
	Logs LogsAPI
	// Now gives the request's time for the search window; default time.Now.
	Now func() time.Time
}

// Result is what Check found.
type Result struct {
	// URL is the URL called and Status the HTTP status it answered.
	URL    string
	Status int
	// RequestID is the id searched for and Header the response header it came from.
	RequestID string
	Header    string
	// Line is the access-log line, Fields the line parsed with the format (see accesslog.NewParser).
	Line   string
	Fields map[string]string
	// Polls is the number of searches it took, Waited the time from the first search to the find.
	Polls  int
	Waited time.Duration
}

// Check calls o.InvokeURL+o.Path once, reads the request id from the response, and searches o.LogGroup for
// the line holding it every o.PollInterval until o.Timeout has passed. It returns the line parsed with
// o.Format after checking that the line's $context.requestId or $context.extendedRequestId is that id.
// Errors say what was looked for and what to check; an error from CloudWatch Logs ends the check at once.
func Check(ctx context.Context, o Options) (Result, error) {
	o = o.withDefaults()
	if err := o.validate(); err != nil {
		return Result{}, err
	}
	parser, err := accesslog.NewParser(o.Format)
	if err != nil {
		return Result{}, fmt.Errorf("access-log format: %w", err)
	}
	ids := idFields(parser)
	if len(ids[accesslog.RequestID]) == 0 && len(ids[accesslog.ExtendedRequestID]) == 0 {
		return Result{}, errors.New("access-log format has neither $context.requestId nor $context.extendedRequestId: " +
			"API Gateway requires one, and Check needs one to find the request's line")
	}

	start := o.Now()
	res, idVar, err := call(ctx, o, ids)
	if err != nil {
		return res, err
	}
	idNames := ids[idVar]
	// A term in double quotes matches as it is, hyphens and "=" included ("Filter pattern syntax for metric
	// filters, subscription filters, filter log events, and Live Tail", CloudWatch Logs user guide,
	// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html); unquoted, a
	// UUID's hyphens would not. Request ids hold no double quote: API Gateway replaces a client's id that is
	// not a UUID.
	in := &cloudwatchlogs.FilterLogEventsInput{
		LogGroupName:  aws.String(o.LogGroup),
		FilterPattern: aws.String(`"` + res.RequestID + `"`),
		StartTime:     aws.Int64(start.Add(-StartSkew).UnixMilli()),
	}

	waitCtx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	began := time.Now()
	var mismatched []string // lines of the last search that hold the id elsewhere than in idNames
	for {
		res.Polls++
		line, fields, others, err := search(waitCtx, o, in, parser, res.RequestID, idNames)
		if err == nil {
			mismatched = others
		}
		switch {
		case err != nil && waitCtx.Err() != nil && ctx.Err() == nil:
			return res, timeoutError(o, res.RequestID, mismatched)
		case err != nil:
			return res, err
		case line != "":
			res.Line, res.Fields, res.Waited = line, fields, time.Since(began)
			return res, nil
		}
		timer := time.NewTimer(o.PollInterval)
		select {
		case <-waitCtx.Done():
			timer.Stop()
			if ctx.Err() != nil {
				return res, ctx.Err()
			}
			return res, timeoutError(o, res.RequestID, mismatched)
		case <-timer.C:
		}
	}
}

func (o Options) withDefaults() Options {
	if o.Path == "" {
		o.Path = DefaultPath
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.PollInterval <= 0 {
		o.PollInterval = DefaultPollInterval
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

func (o Options) validate() error {
	var missing []string
	for _, f := range []struct{ name, value string }{
		{"InvokeURL", o.InvokeURL}, {"LogGroup", o.LogGroup}, {"Format", o.Format},
	} {
		if strings.TrimSpace(f.value) == "" {
			missing = append(missing, f.name)
		}
	}
	if o.Logs == nil {
		missing = append(missing, "Logs")
	}
	if len(missing) > 0 {
		return fmt.Errorf("verify options: %s required", strings.Join(missing, ", "))
	}
	return nil
}

// idFields maps $context.requestId and $context.extendedRequestId to the names of the fields that hold them.
func idFields(p *accesslog.Parser) map[accesslog.Var][]string {
	m := map[accesslog.Var][]string{}
	for _, f := range p.Fields() {
		if f.Var == accesslog.RequestID || f.Var == accesslog.ExtendedRequestID {
			m[f.Var] = append(m[f.Var], f.Name)
		}
	}
	return m
}

// call makes the request and picks the id to search for: $context.requestId when the format logs it, else
// $context.extendedRequestId; it returns which of the two it picked.
func call(ctx context.Context, o Options, ids map[accesslog.Var][]string) (Result, accesslog.Var, error) {
	url := strings.TrimSuffix(o.InvokeURL, "/") + "/" + strings.TrimPrefix(o.Path, "/")
	res := Result{URL: url}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return res, "", fmt.Errorf("invoke URL %q: %w", url, err)
	}
	resp, err := o.HTTPClient.Do(req)
	if err != nil {
		return res, "", fmt.Errorf("calling the stage: %w", err)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	_ = resp.Body.Close()
	res.Status = resp.StatusCode

	requestID, requestHeader := firstHeader(resp.Header, RequestIDHeader, HTTPAPIRequestIDHeader)
	extendedID, extendedHeader := firstHeader(resp.Header, ExtendedRequestIDHeader, HTTPAPIRequestIDHeader)
	switch {
	case requestID != "" && len(ids[accesslog.RequestID]) > 0:
		res.RequestID, res.Header = requestID, requestHeader
		return res, accesslog.RequestID, nil
	case extendedID != "" && len(ids[accesslog.ExtendedRequestID]) > 0:
		res.RequestID, res.Header = extendedID, extendedHeader
		return res, accesslog.ExtendedRequestID, nil
	}
	return res, "", fmt.Errorf("GET %s answered %s with no request id header (looked for %s, %s and %s; the "+
		"format logs %s): check that the URL is an API Gateway stage's and that nothing in between, a proxy or a "+
		"CDN, drops the headers", url, resp.Status, RequestIDHeader, HTTPAPIRequestIDHeader, ExtendedRequestIDHeader,
		loggedIDs(ids))
}

func firstHeader(h http.Header, names ...string) (value, name string) {
	for _, n := range names {
		if v := strings.TrimSpace(h.Get(n)); v != "" {
			return v, n
		}
	}
	return "", ""
}

func loggedIDs(ids map[accesslog.Var][]string) string {
	var vars []string
	for _, v := range []accesslog.Var{accesslog.RequestID, accesslog.ExtendedRequestID} {
		if len(ids[v]) > 0 {
			vars = append(vars, string(v))
		}
	}
	return strings.Join(vars, " and ")
}

// search runs one search, following every page, and returns the first line that holds id in one of the
// fields idNames, parsed. others lists lines that mention the id elsewhere. A line that mentions the id but
// does not parse ends the check: the stage writes another format than the one given.
func search(ctx context.Context, o Options, in *cloudwatchlogs.FilterLogEventsInput, p *accesslog.Parser,
	id string, idNames []string) (line string, fields map[string]string, others []string, err error) {
	pages := cloudwatchlogs.NewFilterLogEventsPaginator(o.Logs, in)
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return "", nil, others, logsError(o.LogGroup, err)
		}
		for _, e := range page.Events {
			msg := aws.ToString(e.Message)
			f, err := p.Parse(msg)
			if err != nil {
				return "", nil, others, fmt.Errorf("the line for request %s in log group %s does not parse with "+
					"the format given (is it the stage's current format?): %w\nline: %s", id, o.LogGroup, err, msg)
			}
			if slices.ContainsFunc(idNames, func(name string) bool { return f[name] == id }) {
				return msg, f, others, nil
			}
			others = append(others, msg)
		}
	}
	return "", nil, others, nil
}

// logsError turns the errors a user can act on into messages that say how; others are wrapped as they are.
func logsError(group string, err error) error {
	var api interface{ ErrorCode() string }
	if !errors.As(err, &api) {
		return fmt.Errorf("searching log group %s: %w", group, err)
	}
	switch api.ErrorCode() {
	case "ResourceNotFoundException":
		return fmt.Errorf("log group %s does not exist in this account and region: check the name (the stack "+
			"output logGroupName) and the region the stack deploys to: %w", group, err)
	case "AccessDeniedException", "AccessDenied":
		return fmt.Errorf("not allowed to search log group %s: the credentials need logs:FilterLogEvents on it: %w",
			group, err)
	case "UnrecognizedClientException", "ExpiredTokenException", "InvalidSignatureException":
		return fmt.Errorf("CloudWatch Logs refused the credentials (expired or for another partition?): %w", err)
	}
	return fmt.Errorf("searching log group %s: %w", group, err)
}

func timeoutError(o Options, id string, mismatched []string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "no access-log line for request %s in log group %s after %v. Check:\n", id, o.LogGroup, o.Timeout)
	b.WriteString("  - access logging is on for the stage and its destination is this log group (aws apigateway get-stage, or aws apigatewayv2 get-stage for HTTP APIs: accessLogSettings)\n")
	b.WriteString("  - REST and WebSocket APIs: the region's API Gateway account setting names a CloudWatch role (aws apigateway get-account: cloudwatchRoleArn) that API Gateway can assume\n")
	b.WriteString("  - the log group name and region are the stack's (outputs logGroupName, invokeUrl)\n")
	b.WriteString("  - the format contains $context.requestId (or $context.extendedRequestId)\n")
	b.WriteString("  - delivery can lag: retry with a longer timeout")
	if len(mismatched) > 0 {
		fmt.Fprintf(&b, "\n%d line(s) mention the id outside the format's request-id fields, the first: %s",
			len(mismatched), mismatched[0])
	}
	return errors.New(b.String())
}
