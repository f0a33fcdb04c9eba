package insights_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/insights"
	"github.com/apigw-access-logs/apigw-access-logs/components/internal/golden"
)

const (
	testGroup = "/aws/apigateway/shop-dev-access"
	testAlarm = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-dev-5xx"
)

// dashboardInput is the input of a stage logging c's format to testGroup, with a 5XX alarm.
func dashboardInput(c formatCase) insights.DashboardInput {
	return insights.DashboardInput{Format: c.format, API: c.api, LogGroup: testGroup, Region: "eu-west-1",
		APIName: "shop", APIID: "a1b2c3d4e5", Stage: "dev", AlarmARN: testAlarm}
}

// decoded is a body as the tests read it.
type decoded struct {
	Widgets []struct {
		Type                string
		X, Y, Width, Height int
		Properties          map[string]any
	}
}

func decode(t *testing.T, body string) decoded {
	t.Helper()
	var d decoded
	dec := json.NewDecoder(strings.NewReader(body))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&d), body)
	return d
}

// dashboardCase is a stage whose dashboard is kept in a golden file.
type dashboardCase struct {
	name string
	in   insights.DashboardInput
}

// dashboardCases are the golden dashboards: every preset on its API type, a custom CSV format, and a REST
// stage logging to Firehose.
func dashboardCases() []dashboardCase {
	var out []dashboardCase
	for _, c := range presetCases() {
		out = append(out, dashboardCase{c.name, dashboardInput(c)})
	}
	firehose := dashboardInput(formatCase{api: accesslog.REST})
	firehose.LogGroup, firehose.AlarmARN = "", ""
	return append(out, dashboardCase{"custom-csv", dashboardInput(customCases[0])}, dashboardCase{"firehose", firehose})
}

// The body of every preset, the custom CSV format and a Firehose stage, indented, so a change shows in
// review; and what each leaves out.
func TestDashboardGolden(t *testing.T) {
	t.Parallel()
	var skippedAll strings.Builder
	for _, c := range dashboardCases() {
		body, skipped, err := insights.Dashboard(c.in)
		require.NoError(t, err, c.name)
		assert.Less(t, len(body), 16<<10, "%s: the body stays well under any size limit", c.name)
		var indented bytes.Buffer
		require.NoError(t, json.Indent(&indented, []byte(body), "", "  "))
		golden.Check(t, "dashboard-"+c.name+".json", indented.String()+"\n")
		fmt.Fprintf(&skippedAll, "# %s (%s)\n", c.name, c.in.API)
		for _, s := range skipped {
			fmt.Fprintf(&skippedAll, "%s: %s\n", s.Name, s.Reason)
		}
	}
	golden.Check(t, "dashboard-skipped.golden", skippedAll.String())
}

// Every log widget of the body is one of the dashboard's queries, in order, on the stage's log group: the
// query the tests check on sample lines is the one the dashboard shows.
func TestDashboardLogWidgetsRunTheCheckedQueries(t *testing.T) {
	t.Parallel()
	for _, c := range allCases() {
		in := dashboardInput(c)
		body, skipped, err := insights.Dashboard(in)
		require.NoError(t, err, c.name)
		queries, querySkipped, err := insights.DashboardQueries(c.format, c.api)
		require.NoError(t, err, c.name)
		assert.Equal(t, querySkipped, skipped, c.name)
		var got []string
		for _, w := range decode(t, body).Widgets {
			if w.Type == "log" {
				got = append(got, w.Properties["query"].(string))
			}
		}
		var want []string
		for _, q := range queries {
			want = append(want, "SOURCE '"+testGroup+"' | "+q.Text)
		}
		assert.Equal(t, want, got, c.name)
	}
}

// The log widgets' tables are the saved queries themselves, not copies that could drift apart.
func TestDashboardTablesAreTheSavedQueries(t *testing.T) {
	t.Parallel()
	for _, c := range allCases() {
		saved, _, err := insights.Queries(c.format, c.api)
		require.NoError(t, err)
		shown, _, err := insights.DashboardQueries(c.format, c.api)
		require.NoError(t, err)
		for _, name := range []string{"slowest-requests", "top-client-ips"} {
			i := slices.IndexFunc(saved, func(q insights.Query) bool { return q.Name == name })
			j := slices.IndexFunc(shown, func(q insights.Query) bool { return q.Name == name })
			require.Equal(t, i < 0, j < 0, "%s: %s is saved and shown, or neither", c.name, name)
			if i >= 0 {
				assert.Equal(t, saved[i], shown[j], "%s: %s", c.name, name)
			}
		}
	}
}

// API Gateway's metrics, by API type: the metric names and dimensions of each type's developer-guide page.
func TestDashboardMetricsPerAPIType(t *testing.T) {
	t.Parallel()
	want := map[accesslog.APIType]struct {
		metrics []string
		dims    []any
	}{
		accesslog.REST:      {[]string{"Count", "4XXError", "5XXError", "Latency", "IntegrationLatency"}, []any{"ApiName", "shop", "Stage", "dev"}},
		accesslog.HTTP:      {[]string{"Count", "4xx", "5xx", "Latency", "IntegrationLatency"}, []any{"ApiId", "a1b2c3d4e5", "Stage", "dev"}},
		accesslog.WebSocket: {[]string{"ConnectCount", "MessageCount", "ClientError", "IntegrationError", "ExecutionError", "IntegrationLatency"}, []any{"ApiId", "a1b2c3d4e5", "Stage", "dev"}},
	}
	for _, api := range accesslog.APITypes {
		name := accesslog.PresetsFor(api)[0]
		format, _ := accesslog.Preset(name, api)
		body, _, err := insights.Dashboard(dashboardInput(formatCase{name, api, format}))
		require.NoError(t, err)
		var metrics []string
		for _, w := range decode(t, body).Widgets {
			if w.Type != "metric" {
				continue
			}
			for _, m := range w.Properties["metrics"].([]any) {
				line := m.([]any)
				assert.Equal(t, "AWS/ApiGateway", line[0], api)
				assert.Equal(t, want[api].dims, line[2:len(line)-1], "%s %s: dimensions", api, line[1])
				if !slices.Contains(metrics, line[1].(string)) {
					metrics = append(metrics, line[1].(string))
				}
			}
		}
		assert.Equal(t, want[api].metrics, metrics, api)
	}
}

// Every widget fits the 24-column grid without overlapping another, log and metric widgets name the region,
// and the same input gives the same bytes.
func TestDashboardGrid(t *testing.T) {
	t.Parallel()
	for _, c := range dashboardCases() {
		body, _, err := insights.Dashboard(c.in)
		require.NoError(t, err)
		again, _, err := insights.Dashboard(c.in)
		require.NoError(t, err)
		require.Equal(t, body, again, c.name)
		widgets := decode(t, body).Widgets
		for i, w := range widgets {
			assert.True(t, w.X >= 0 && w.Width >= 1 && w.X+w.Width <= 24, "%s: widget %d x=%d width=%d", c.name, i, w.X, w.Width)
			assert.True(t, w.Y >= 0 && w.Height >= 1 && w.Height <= 1000, "%s: widget %d", c.name, i)
			if w.Type == "log" || w.Type == "metric" {
				assert.Equal(t, "eu-west-1", w.Properties["region"], "%s: widget %d", c.name, i)
			}
			for j, o := range widgets[:i] {
				overlap := w.X < o.X+o.Width && o.X < w.X+w.Width && w.Y < o.Y+o.Height && o.Y < w.Y+w.Height
				assert.False(t, overlap, "%s: widgets %d and %d overlap", c.name, j, i)
			}
		}
	}
}

// With the logs going to Firehose, the dashboard has API Gateway's metrics and the alarm, and says why the log
// widgets are left out.
func TestDashboardFirehoseHasOnlyMetrics(t *testing.T) {
	t.Parallel()
	in := insights.DashboardInput{API: accesslog.REST, Region: "us-east-1", APIName: "shop", Stage: "prod",
		AlarmARN: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:shop-prod-5xx"}
	body, skipped, err := insights.Dashboard(in)
	require.NoError(t, err)
	var types []string
	for _, w := range decode(t, body).Widgets {
		types = append(types, w.Type)
	}
	assert.Equal(t, []string{"alarm", "metric", "metric", "metric", "metric"}, types)
	require.Len(t, skipped, 8)
	for _, s := range skipped {
		assert.Contains(t, s.Reason, "Firehose", s.Name)
	}
}

// A widget the format cannot serve is left out with the variable it lacks, and the others close up.
func TestDashboardSkipsWhatTheFormatLacks(t *testing.T) {
	t.Parallel()
	ws, _ := accesslog.Preset("websocket-json", accesslog.WebSocket)
	_, skipped, err := insights.Dashboard(dashboardInput(formatCase{"websocket-json", accesslog.WebSocket, ws}))
	require.NoError(t, err)
	assert.Equal(t, []insights.Skipped{{Name: "response-latency", Reason: "the format has no " +
		"$context.responseLatency, which WebSocket APIs do not have"}}, skipped)

	minimal := customCases[len(customCases)-1]
	require.Equal(t, "custom-http-json-minimal", minimal.name)
	body, skipped, err := insights.Dashboard(dashboardInput(minimal))
	require.NoError(t, err)
	var names []string
	for _, s := range skipped {
		names = append(names, s.Name)
	}
	assert.Equal(t, []string{"response-latency", "integration-latency", "top-client-ips", "slowest-requests"}, names)
	var titles []string
	for _, w := range decode(t, body).Widgets {
		if w.Type == "log" {
			titles = append(titles, fmt.Sprintf("%s %d,%d w%d", w.Properties["title"], w.X, w.Y, w.Width))
		}
	}
	assert.Equal(t, []string{"Requests (access log) 0,9 w8", "4XX responses (access log) 8,9 w8",
		"5XX responses (access log) 16,9 w8", "Top routes 0,15 w24"}, titles)
}

// API Gateway drops non-ASCII characters from ApiName, and uses the API id when none is left.
func TestDashboardAPINameAsAPIGatewayWritesIt(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{"café-api": "caf-api", "日本": "a1b2c3d4e5"} {
		in := insights.DashboardInput{API: accesslog.REST, Region: "eu-west-1", APIName: name, APIID: "a1b2c3d4e5",
			Stage: "dev"}
		body, _, err := insights.Dashboard(in)
		require.NoError(t, err)
		line := decode(t, body).Widgets[0].Properties["metrics"].([]any)[0].([]any)
		assert.Equal(t, []any{"ApiName", want}, line[2:4], name)
	}
}

func TestDashboardErrors(t *testing.T) {
	t.Parallel()
	good := insights.DashboardInput{Format: `$context.requestId $context.status`, API: accesslog.REST,
		LogGroup: "/a", Region: "eu-west-1", APIName: "shop", Stage: "dev"}
	for _, c := range []struct {
		name string
		edit func(*insights.DashboardInput)
		want string
	}{
		{"no API name", func(in *insights.DashboardInput) { in.APIName = "" }, "APIName is required"},
		{"no ASCII and no id", func(in *insights.DashboardInput) { in.APIName = "日本" }, "APIID is empty"},
		{"HTTP without id", func(in *insights.DashboardInput) { in.API = accesslog.HTTP }, "APIID is required"},
		{"unknown API type", func(in *insights.DashboardInput) { in.API = "GRAPHQL" }, "is not one of"},
		{"region", func(in *insights.DashboardInput) { in.Region = "" }, "Region"},
		{"stage", func(in *insights.DashboardInput) { in.Stage = "" }, "Stage is required"},
		{"quote in group", func(in *insights.DashboardInput) { in.LogGroup = "a'b" }, "LogGroup \"a'b\""},
		{"group without format", func(in *insights.DashboardInput) { in.Format = "" }, "Format is required"},
		{"alarm", func(in *insights.DashboardInput) { in.AlarmARN = "shop-5xx" }, "AlarmARN"},
		{"REST-only variable on HTTP", func(in *insights.DashboardInput) {
			in.API, in.APIID, in.Format = accesslog.HTTP, "x", `$context.requestId $context.resourcePath`
		}, "$context.resourcePath"},
	} {
		in := good
		c.edit(&in)
		_, _, err := insights.Dashboard(in)
		require.Error(t, err, c.name)
		assert.Contains(t, err.Error(), c.want, c.name)
	}
	_, _, err := insights.Dashboard(good)
	require.NoError(t, err)
}

func TestDashboardName(t *testing.T) {
	t.Parallel()
	allowed := regexp.MustCompile(`^[A-Za-z0-9_-]{1,255}$`)
	assert.Equal(t, "shop-dev-_default", insights.DashboardName("shop", "dev", "$default"))
	assert.Equal(t, "shop-org_prod-v1", insights.DashboardName("shop", "org/prod", "v1"))
	long := insights.DashboardName(strings.Repeat("p", 200), strings.Repeat("s", 100), "a")
	other := insights.DashboardName(strings.Repeat("p", 200), strings.Repeat("s", 100), "b")
	for _, n := range []string{long, other, insights.DashboardName("", "", ""), insights.DashboardName("é", "☃", "$")} {
		assert.Regexp(t, allowed, n)
	}
	assert.Len(t, long, 255)
	assert.NotEqual(t, long, other, "names cut to 255 characters stay apart")
	assert.Equal(t, long, insights.DashboardName(strings.Repeat("p", 200), strings.Repeat("s", 100), "a"))
}
