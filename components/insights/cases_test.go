package insights_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

// formatCase is a format with the API type it is for.
type formatCase struct {
	name   string
	api    accesslog.APIType
	format string
}

// presetCases is every preset on each API type it serves.
func presetCases() []formatCase {
	var out []formatCase
	for _, name := range accesslog.PresetNames() {
		for _, api := range accesslog.APITypes {
			if f, ok := accesslog.Preset(name, api); ok {
				out = append(out, formatCase{name, api, f})
			}
		}
	}
	return out
}

// customCases are formats no preset has, one for each way a variable can sit in a line.
var customCases = []formatCase{
	// Status before a quoted free-text column: the columns to it are counted from the start.
	{"custom-csv", accesslog.REST, `$context.requestId,$context.httpMethod,$context.path,$context.status,` +
		`"$context.identity.userAgent",$context.responseLatency,$context.identity.sourceIp`},
	// Status after free text that may hold commas: counted from the end.
	{"custom-csv-status-last", accesslog.REST, `"$context.error.message",$context.requestId,$context.status`},
	// Nested keys and bare numbers: the status is a JSON number, not a string.
	{"custom-json-numbers", accesslog.REST, `{"req":{"id":"$context.requestId","ip":"$context.identity.sourceIp",` +
		`"caller":"$context.identity.caller"},"res":{"status":$context.status,"ms":$context.responseLatency}}`},
	// Several variables in one JSON string.
	{"custom-json-summary", accesslog.REST,
		`{"requestId":"$context.requestId","summary":"$context.httpMethod $context.resourcePath -> $context.status"}`},
	// A key with a period and a variable in an array.
	{"custom-json-dotted", accesslog.REST,
		`{"http.status":"$context.status","requestId":"$context.requestId","client":["$context.identity.sourceIp"]}`},
	// An unquoted user agent after the status, then before it.
	{"custom-clf-agent-last", accesslog.REST, `$context.requestId $context.status $context.identity.userAgent`},
	{"custom-clf-agent-first", accesslog.REST, `$context.identity.userAgent $context.status $context.requestId`},
	// The status inside a quoted field with other variables.
	{"custom-clf-grouped", accesslog.REST,
		`$context.requestId "$context.httpMethod $context.resourcePath $context.status" $context.responseLatency`},
	// The status as an XML attribute.
	{"custom-xml-attribute", accesslog.REST, `<r status="$context.status" id="$context.requestId">` +
		`<ip>$context.identity.sourceIp</ip><ms>$context.responseLatency</ms></r>`},
	// An HTTP API format with no client IP, latency or identity.
	{"custom-http-json-minimal", accesslog.HTTP,
		`{"requestId":"$context.requestId","status":"$context.status","routeKey":"$context.routeKey"}`},
}

// allCases is every preset and custom format.
func allCases() []formatCase { return append(presetCases(), customCases...) }

// render writes the line format gives when $context.status holds status and every other variable
// other(v).
func render(t *testing.T, c formatCase, status string, other func(accesslog.Var) string) string {
	t.Helper()
	line, err := accesslog.Render(c.format, c.api, func(v accesslog.Var) string {
		if v == accesslog.Status {
			return status
		}
		return other(v)
	})
	require.NoError(t, err)
	return line
}

// example is the catalogue's example, or what API Gateway writes for a value it lacks.
func example(v accesslog.Var) string {
	if e := accesslog.Example(v); e != "" {
		return e
	}
	return accesslog.UnlistedExample
}

func constant(s string) func(accesslog.Var) string { return func(accesslog.Var) string { return s } }
