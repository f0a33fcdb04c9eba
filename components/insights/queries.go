package insights

import (
	"fmt"
	"slices"
	"strings"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

// Query is a CloudWatch Logs Insights query written for one access-log format.
type Query struct {
	// Name is short, stable and kebab-case: "4xx-responses", "5xx-responses", "slowest-requests",
	// "top-client-ips", "requests-by-caller".
	Name string
	// Description is one line.
	Description string
	// Text is the Logs Insights query string.
	Text string
	// Fields are the log fields the query reads, as Logs Insights names them after any parse: for JSON
	// formats the flattened key path ("status", "res.latency"), otherwise the field names accesslog's parser
	// gives ("identity.sourceIp", "request/status").
	Fields []string
}

// Skipped is a query left out because the format lacks a field it needs.
type Skipped struct {
	Name string
	// Reason names the missing variable(s), such as "the format has no $context.status".
	Reason string
}

// The number of rows a listing query returns and a ranking query keeps.
const (
	listLimit = 100
	topLimit  = 25
)

// Variables the queries read, by role; the first one a format holds is used.
var (
	statusVars  = []accesslog.Var{accesslog.Status}
	latencyVars = []accesslog.Var{accesslog.ResponseLatency, accesslog.IntegrationLatency, accesslog.IntegrationDotLatency}
	idVars      = []accesslog.Var{accesslog.RequestID, accesslog.ExtendedRequestID}
	ipVars      = []accesslog.Var{accesslog.SourceIP}
	methodVars  = []accesslog.Var{accesslog.HTTPMethod, accesslog.EventType}
	routeVars   = []accesslog.Var{accesslog.ResourcePath, accesslog.RouteKey, accesslog.Path}
	errorVars   = []accesslog.Var{accesslog.ErrorMessage, accesslog.IntegrationErrorMessage}
	// callerVars are grouped together: every one the format holds is a column of requests-by-caller.
	callerVars = []accesslog.Var{accesslog.Caller, accesslog.User, accesslog.UserARN, accesslog.AuthorizerPrincipalID}
)

// Queries returns the saved queries for format, the resolved format text of an access log for api, in a
// fixed order, and the queries it leaves out because the format lacks a field they need. Every query reads
// only fields the format writes, under the names Logs Insights gives them: JSON keys as they are (Logs
// Insights discovers them), and for CLF, CSV and XML lines the fields a `parse` of the line extracts,
// written from the literal text between the variables. The same format always gives byte-identical queries.
//
// Queries fails when the format is not valid for api or accesslog cannot parse its lines.
func Queries(format string, api accesslog.APIType) ([]Query, []Skipped, error) {
	l, err := newLayout(format, api)
	if err != nil {
		return nil, nil, fmt.Errorf("queries: %w", err)
	}
	queries, skipped := l.queries(querySpecs)
	return queries, skipped, nil
}

// queries writes the query of each spec for the layout, in the order of specs, and the specs it leaves out
// with the reason. The saved queries and the dashboard's log widgets are both written here, so they read a
// format's lines the same way.
func (l *layout) queries(specs []querySpec) ([]Query, []Skipped) {
	var queries []Query
	var skipped []Skipped
	for _, spec := range specs {
		b := &builder{l: l}
		q, reason := spec.build(b)
		if reason != "" {
			skipped = append(skipped, Skipped{Name: spec.name, Reason: reason})
			continue
		}
		text, err := b.text(q.Text)
		if err != nil {
			skipped = append(skipped, Skipped{Name: spec.name, Reason: err.Error()})
			continue
		}
		q.Name, q.Description, q.Text, q.Fields = spec.name, spec.description, text, b.fields
		queries = append(queries, q)
	}
	return queries, skipped
}

type querySpec struct {
	name, description string
	// build writes the query's commands after any parse, or says why it cannot.
	build func(b *builder) (Query, string)
}

// The saved queries the dashboard shows as tables too, one spec for both.
var (
	slowestSpec = querySpec{"slowest-requests", "The requests that took longest, one row each, slowest first.",
		slowest}
	topClientIPsSpec = querySpec{"top-client-ips", "The client IP addresses that sent the most requests.",
		topClientIPs}
)

var querySpecs = []querySpec{
	{"4xx-responses", "The latest requests answered with a 4XX status, newest first.",
		func(b *builder) (Query, string) { return statusListing(b, 4) }},
	{"5xx-responses", "The latest requests answered with a 5XX status, newest first.",
		func(b *builder) (Query, string) { return statusListing(b, 5) }},
	slowestSpec,
	topClientIPsSpec,
	{"requests-by-caller", "Requests counted by the caller or principal that made them.", byCaller},
}

// statusListing lists the latest requests whose status has the first digit class, with what says which
// operation failed when the format has it.
func statusListing(b *builder, class int) (Query, string) {
	status, ok := b.l.find(statusVars...)
	if !ok {
		return Query{}, missing(statusVars)
	}
	filter := statusFilter(b, status, class)
	shown := []string{"@timestamp", b.ref(status)}
	for _, vars := range [][]accesslog.Var{methodVars, routeVars, idVars, errorVars} {
		if tok, ok := b.l.find(vars...); ok {
			shown = append(shown, b.ref(tok))
		}
	}
	return Query{Text: lines(
		"filter "+filter,
		"fields "+strings.Join(shown, ", "),
		"sort @timestamp desc",
		fmt.Sprintf("limit %d", listLimit),
	)}, ""
}

// statusFilter matches a status in [class*100, class*100+99]. A status written inside a JSON string
// ("status":"502", as every preset does) or extracted by parse is text, so it is matched with a regular
// expression, as the query syntax page does (`filter statusCode like /2\d\d/`); a bare JSON number
// ("status":502) is compared as a number.
func statusFilter(b *builder, status, class int) string {
	ref := b.ref(status)
	if b.l.numeric(status) {
		return fmt.Sprintf("%s >= %d and %s <= %d", ref, class*100, ref, class*100+99)
	}
	return fmt.Sprintf(`%s like /^%d\d\d$/`, ref, class)
}

// slowest ranks requests by latency. Values Logs Insights reads from text are strings; the documented way
// to treat them as numbers is an aggregate over a numeric field (avg takes a NumericLogField and returns a
// number; the query syntax page averages a latency extracted by parse). Grouped by request ID, avg is each
// request's own latency, as a number, so the sort is numeric. [U] whether a plain sort on a string field
// would compare numbers: not documented, so not relied on.
func slowest(b *builder) (Query, string) {
	latency, ok := b.l.find(latencyVars...)
	if !ok {
		return Query{}, missing(latencyVars)
	}
	id, ok := b.l.find(idVars...)
	if !ok {
		return Query{}, missing(idVars)
	}
	by := []string{b.ref(id)}
	for _, vars := range [][]accesslog.Var{methodVars, routeVars, statusVars} {
		if tok, ok := b.l.find(vars...); ok {
			by = append(by, b.ref(tok))
		}
	}
	return Query{Text: lines(
		fmt.Sprintf("stats avg(%s) as latencyMs by %s", b.ref(latency), strings.Join(by, ", ")),
		"sort latencyMs desc",
		fmt.Sprintf("limit %d", topLimit),
	)}, ""
}

func topClientIPs(b *builder) (Query, string) {
	ip, ok := b.l.find(ipVars...)
	if !ok {
		return Query{}, missing(ipVars)
	}
	return Query{Text: lines(
		"stats count(*) as requests by "+b.ref(ip),
		"sort requests desc",
		fmt.Sprintf("limit %d", topLimit),
	)}, ""
}

// byCaller counts requests per identity: every identity variable the format holds is a column, so IAM
// callers and Lambda-authorizer principals both show.
func byCaller(b *builder) (Query, string) {
	var by []string
	for _, v := range callerVars {
		if tok, ok := b.l.find(v); ok {
			by = append(by, b.ref(tok))
		}
	}
	if len(by) == 0 {
		return Query{}, missing(callerVars)
	}
	return Query{Text: lines(
		"stats count(*) as requests by "+strings.Join(by, ", "),
		"sort requests desc",
		fmt.Sprintf("limit %d", topLimit),
	)}, ""
}

// missing is the reason a query is left out when the format holds none of vars.
func missing(vars []accesslog.Var) string {
	if len(vars) == 1 {
		return "the format has no " + string(vars[0])
	}
	names := make([]string, len(vars))
	for i, v := range vars {
		names[i] = string(v)
	}
	if len(vars) == 2 {
		return "the format has neither " + names[0] + " nor " + names[1]
	}
	return "the format has none of " + strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

func lines(commands ...string) string { return strings.Join(commands, "\n| ") }

// builder collects what a query reads: the fields, in order of first use, and the places that need a parse.
type builder struct {
	l      *layout
	fields []string
	parses []int // place indexes
}

// ref returns the query's reference to the token's field, noting that the query reads it.
func (b *builder) ref(tok int) string {
	name := b.l.tokens[tok].name
	if !slices.Contains(b.fields, name) {
		b.fields = append(b.fields, name)
	}
	if p := b.l.placeOf[tok]; !b.l.places[p].whole() && !slices.Contains(b.parses, p) {
		b.parses = append(b.parses, p)
	}
	return fieldRef(name)
}

// text puts the parse commands the query needs in front of its other commands.
func (b *builder) text(rest string) (string, error) {
	slices.Sort(b.parses)
	var cmds []string
	for _, p := range b.parses {
		cmd, err := b.l.parseCommand(p, b.fields)
		if err != nil {
			return "", err
		}
		cmds = append(cmds, cmd)
	}
	return lines(append(cmds, rest)...), nil
}

// fieldRef writes a field name for a query: as it is when it holds only letters, digits, "@" and ".", and
// in backticks otherwise ("Fields that contain special characters", CWL_QuerySyntax-Guidelines).
func fieldRef(name string) string {
	for _, r := range name {
		if r != '@' && r != '.' && !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return "`" + name + "`"
		}
	}
	return name
}
