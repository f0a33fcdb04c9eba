package insights_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/insights"
)

// insightsView is what Logs Insights has of a line after a query's parse commands: for JSON lines the
// discovered fields (keys joined with ".", array elements by index: "Supported logs and discovered
// fields"), then what each `parse … "glob" as …` extracts. The glob is read as the parse page's glob mode:
// literal text, and "*" for a value; [U] each "*" takes as little as it can, and a trailing "*" the rest.
func insightsView(t *testing.T, text, line string) map[string]string {
	t.Helper()
	view := map[string]string{"@message": line}
	var doc any
	d := json.NewDecoder(strings.NewReader(line))
	d.UseNumber()
	if d.Decode(&doc) == nil {
		flatten("", doc, view)
	}
	for _, cmd := range strings.Split(text, "\n| ") {
		if !strings.HasPrefix(cmd, "parse ") {
			continue
		}
		if m := parseRegexRE.FindStringSubmatch(cmd); m != nil {
			source, ok := view[unquoteField(m[1])]
			require.True(t, ok, "parse reads %s, which the line does not have", m[1])
			re := regexp.MustCompile(m[2])
			got := re.FindStringSubmatch(source)
			require.NotNil(t, got, "regex %q does not match %q", m[2], source)
			for i, name := range re.SubexpNames() {
				if name != "" {
					view[name] = got[i]
				}
			}
			continue
		}
		m := parseCmdRE.FindStringSubmatch(cmd)
		require.NotNil(t, m, "parse command %q", cmd)
		source, ok := view[unquoteField(m[1])]
		require.True(t, ok, "parse reads %s, which the line does not have", m[1])
		names := strings.Split(m[3], ", ")
		re := globRegexp(m[2])
		got := re.FindStringSubmatch(source)
		require.NotNil(t, got, "glob %q does not match %q", m[2], source)
		require.Len(t, names, len(got)-1, "glob %q has a wildcard for each alias", m[2])
		for i, n := range names {
			view[unquoteField(n)] = got[i+1]
		}
	}
	return view
}

// parseRegexRE reads the regular-expression mode of parse: `parse field /re/`, named groups becoming fields.
var parseRegexRE = regexp.MustCompile("^parse (@message|[A-Za-z0-9@.]+|`[^`]+`) /(.*)/$")

var parseCmdRE = regexp.MustCompile("^parse (@message|[A-Za-z0-9@.]+|`[^`]+`) \"((?:[^\"\\\\]|\\\\.)*)\" as (.+)$")

func unquoteField(s string) string { return strings.Trim(s, "`") }

func globRegexp(glob string) *regexp.Regexp {
	glob = strings.NewReplacer(`\"`, `"`, `\\`, `\`).Replace(glob)
	parts := strings.Split(glob, "*")
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			if i == len(parts)-1 && p == "" {
				b.WriteString("(.*)")
			} else {
				b.WriteString("(.*?)")
			}
		}
		b.WriteString(regexp.QuoteMeta(p))
	}
	return regexp.MustCompile(b.String())
}

func flatten(prefix string, v any, out map[string]string) {
	join := func(k string) string {
		if prefix == "" {
			return k
		}
		return prefix + "." + k
	}
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			flatten(join(k), e, out)
		}
	case []any:
		for i, e := range t {
			flatten(join(strconv.Itoa(i)), e, out)
		}
	default:
		out[prefix] = fmt.Sprint(t)
	}
}

// fieldRefs lists the fields a query's commands other than parse name: backticked names and bare names,
// leaving out the language's keywords, functions, the query's own aliases and regex literals.
func fieldRefs(text string) []string {
	var out []string
	for _, cmd := range strings.Split(text, "\n| ") {
		if strings.HasPrefix(cmd, "parse ") {
			continue
		}
		cmd = regexLiteralRE.ReplaceAllString(cmd, "")
		for _, m := range refRE.FindAllString(cmd, -1) {
			name := unquoteField(m)
			if !keywords[name] && !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
	}
	return out
}

var (
	// regexLiteralRE matches what names no field: regex literals, and bin()'s period ("5m").
	regexLiteralRE = regexp.MustCompile(`like /(?:[^/\\]|\\.)*/|bin\(\d+[a-z]+\)`)
	refRE          = regexp.MustCompile("`[^`]+`|[A-Za-z@][A-Za-z0-9@.]*")
	keywords       = map[string]bool{"filter": true, "fields": true, "stats": true, "sort": true, "limit": true,
		"like": true, "and": true, "by": true, "as": true, "desc": true, "count": true, "avg": true, "pct": true,
		"requests": true, "latencyMs": true, "p50": true, "p90": true, "p99": true, "@timestamp": true,
		"@message": true}
)

// Every field a query names exists in the line as Logs Insights sees it, with the value accesslog's parser
// reads for that field, and Fields lists exactly the fields the query names. This runs for every preset and
// custom format, on a sample line.
func TestQueryFieldsExistInTheLine(t *testing.T) {
	t.Parallel()
	eachFormat(t, func(t *testing.T, c formatCase, _ querySource, queries []insights.Query) {
		require.NotEmpty(t, queries)
		parser, err := accesslog.NewParser(c.format)
		require.NoError(t, err)
		line := render(t, c, "502", example)
		parsed, err := parser.Parse(line)
		require.NoError(t, err)
		for _, q := range queries {
			view := insightsView(t, q.Text, line)
			assert.ElementsMatch(t, q.Fields, fieldRefs(q.Text), "%s: Fields against the fields its text names", q.Name)
			for _, f := range q.Fields {
				want, ok := parsed[f]
				require.True(t, ok, "%s reads %q, which is not a field of the format", q.Name, f)
				assert.Equal(t, want, view[f], "%s: field %q as Logs Insights reads it", q.Name, f)
			}
		}
	})
}

var (
	likeRE    = regexp.MustCompile(`^filter (\S+) like /(.*)/$`)
	betweenRE = regexp.MustCompile(`^filter (\S+) >= (\d+) and (\S+) <= (\d+)$`)
)

// filterKeeps evaluates a query's filter command on a line.
func filterKeeps(t *testing.T, text, line string) bool {
	t.Helper()
	view := insightsView(t, text, line)
	for _, cmd := range strings.Split(text, "\n| ") {
		if m := likeRE.FindStringSubmatch(cmd); m != nil {
			return regexp.MustCompile(m[2]).MatchString(view[unquoteField(m[1])])
		}
		if m := betweenRE.FindStringSubmatch(cmd); m != nil {
			v, err := strconv.ParseFloat(view[unquoteField(m[1])], 64)
			lo, _ := strconv.ParseFloat(m[2], 64)
			hi, _ := strconv.ParseFloat(m[4], 64)
			return err == nil && v >= lo && v <= hi
		}
	}
	t.Fatalf("query has no filter this test reads:\n%s", text)
	return false
}

// querySource is a set of queries written from a format: the saved queries, or the dashboard's log widgets.
type querySource struct {
	name  string
	write func(format string, api accesslog.APIType) ([]insights.Query, []insights.Skipped, error)
	// classes names the queries that keep one status class, with a status of that class.
	classes map[string]string
}

var querySources = []querySource{
	{"saved", insights.Queries, map[string]string{"4xx-responses": "404", "5xx-responses": "502"}},
	{"dashboard", insights.DashboardQueries, map[string]string{"4xx-over-time": "404", "5xx-over-time": "502"}},
}

// eachFormat runs check on the queries of every source for every preset and custom format, in parallel
// subtests.
func eachFormat(t *testing.T, check func(t *testing.T, c formatCase, src querySource, queries []insights.Query)) {
	t.Helper()
	for _, src := range querySources {
		for _, c := range allCases() {
			t.Run(src.name+"/"+c.name, func(t *testing.T) {
				t.Parallel()
				queries, _, err := src.write(c.format, c.api)
				require.NoError(t, err)
				check(t, c, src, queries)
			})
		}
	}
}

// The 4XX and 5XX queries keep the lines of their class and no other, whether the status is text or a JSON
// number.
func TestStatusQueriesKeepTheirClass(t *testing.T) {
	t.Parallel()
	eachFormat(t, func(t *testing.T, c formatCase, src querySource, queries []insights.Query) {
		byName := map[string]string{}
		for _, q := range queries {
			byName[q.Name] = q.Text
		}
		for name, keep := range src.classes {
			text, ok := byName[name]
			require.True(t, ok, name)
			for _, status := range []string{"200", "404", "502"} {
				line := render(t, c, status, example)
				assert.Equal(t, status == keep, filterKeeps(t, text, line), "%s on status %s", name, status)
			}
		}
	})
}

// A query whose variables the format lacks is left out, with the missing variables named.
func TestQueriesSkipWhatTheFormatLacks(t *testing.T) {
	t.Parallel()
	_, skipped, err := insights.Queries(`{"requestId":"$context.requestId","status":"$context.status",`+
		`"routeKey":"$context.routeKey"}`, accesslog.HTTP)
	require.NoError(t, err)
	assert.Equal(t, []insights.Skipped{
		{Name: "slowest-requests", Reason: "the format has none of $context.responseLatency, " +
			"$context.integrationLatency or $context.integration.latency"},
		{Name: "top-client-ips", Reason: "the format has no $context.identity.sourceIp"},
		{Name: "requests-by-caller", Reason: "the format has none of $context.identity.caller, " +
			"$context.identity.user, $context.identity.userArn or $context.authorizer.principalId"},
	}, skipped)

	queries, skipped, err := insights.Queries(`$context.requestId $context.identity.sourceIp`, accesslog.REST)
	require.NoError(t, err)
	require.Len(t, queries, 1)
	assert.Equal(t, "top-client-ips", queries[0].Name)
	assert.Contains(t, skipped, insights.Skipped{Name: "5xx-responses", Reason: "the format has no $context.status"})
}

// A format a parse glob cannot read leaves out the queries that would need the parse, saying why.
func TestQueriesSkipWhatNoParseCanRead(t *testing.T) {
	t.Parallel()
	queries, skipped, err := insights.Queries(`$context.requestId$context.status *$context.identity.sourceIp`,
		accesslog.REST)
	require.NoError(t, err)
	assert.Empty(t, queries)
	require.NotEmpty(t, skipped)
	for _, s := range skipped {
		if s.Name == "slowest-requests" || s.Name == "requests-by-caller" {
			continue
		}
		assert.Contains(t, s.Reason, "follows another variable", s.Name)
	}
}

// Switching the csv preset to a custom CSV format changes the queries and the pattern ("Done when").
func TestCustomCSVChangesQueriesAndPattern(t *testing.T) {
	t.Parallel()
	preset, _ := accesslog.Preset("csv", accesslog.REST)
	custom := customCases[0]
	require.Equal(t, "custom-csv", custom.name)
	pq, _, err := insights.Queries(preset, accesslog.REST)
	require.NoError(t, err)
	cq, _, err := insights.Queries(custom.format, accesslog.REST)
	require.NoError(t, err)
	assert.NotEqual(t, pq[0].Text, cq[0].Text)
	assert.Contains(t, cq[0].Text, `parse @message "*,*,*,*,\"*\",*,*" as requestId, httpMethod, path, status, `+
		`identity.userAgent, responseLatency, identity.sourceIp`)
	pp, err := insights.FilterPattern5XX(preset, accesslog.REST)
	require.NoError(t, err)
	cp, err := insights.FilterPattern5XX(custom.format, accesslog.REST)
	require.NoError(t, err)
	assert.NotEqual(t, pp, cp)
}

// The same format gives byte-identical queries in the same order.
func TestQueriesDeterministic(t *testing.T) {
	t.Parallel()
	for _, c := range allCases() {
		first, firstSkipped, err := insights.Queries(c.format, c.api)
		require.NoError(t, err)
		for range 5 {
			again, againSkipped, err := insights.Queries(c.format, c.api)
			require.NoError(t, err)
			require.Equal(t, first, again, c.name)
			require.Equal(t, firstSkipped, againSkipped, c.name)
		}
	}
}

func TestQueriesErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, format string
		api          accesslog.APIType
		want         string
	}{
		{"REST-only variable on HTTP", `$context.requestId $context.resourcePath`, accesslog.HTTP, "$context.resourcePath"},
		{"no variables", `hello`, accesslog.REST, "no $context variables"},
		{"a key holding a variable", `{"$context.requestId":"x"}`, accesslog.REST, "key"},
	} {
		_, _, err := insights.Queries(c.format, c.api)
		require.Error(t, err, c.name)
		assert.Contains(t, err.Error(), c.want, c.name)
	}
}

// A stretch only a regular expression can split names its fields after accesslog's parser; a field whose
// name cannot name a capturing group ("identity.sourceIp") leaves out the queries that read it.
func TestQueriesSkipWhatNoRegexCanName(t *testing.T) {
	t.Parallel()
	queries, skipped, err := insights.Queries(`$context.identity.userAgent $context.identity.sourceIp `+
		`$context.requestId $context.status`, accesslog.REST)
	require.NoError(t, err)
	var names []string
	for _, q := range queries {
		names = append(names, q.Name)
	}
	assert.Equal(t, []string{"4xx-responses", "5xx-responses"}, names)
	assert.Contains(t, skipped, insights.Skipped{Name: "top-client-ips", Reason: `$context.identity.sourceIp would ` +
		`need a regular-expression parse, and its field name "identity.sourceIp" cannot name a capturing group`})
}
