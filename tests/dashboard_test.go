package tests

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/pkg/v3/resource/deploy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/tests/simaws"
)

// dashboardBody is what a test reads of a dashboard body: each widget's type, title, query and metrics.
type dashboardBody struct {
	Widgets []struct {
		Type       string
		Properties struct {
			Title   string
			Query   string
			Region  string
			Metrics [][]any
			Alarms  []string
		}
	}
}

func readDashboard(t *testing.T, acct *simaws.Account) (name string, body dashboardBody) {
	t.Helper()
	dashboards := acct.ObjectsOf(simaws.TypeDashboard)
	require.Len(t, dashboards, 1)
	require.NoError(t, json.Unmarshal([]byte(dashboards[0].Str("dashboardBody")), &body))
	return dashboards[0].Str("dashboardName"), body
}

func (b dashboardBody) titles(typ string) []string {
	var out []string
	for _, w := range b.Widgets {
		if w.Type == typ {
			out = append(out, w.Properties.Title)
		}
	}
	return out
}

// The dashboard follows the format: a change from the json preset to a custom CSV format updates it in place,
// with the log widgets the CSV can serve (it logs no latency and no path, so those widgets go, and the preview
// says why), and a second up changes nothing. Every log widget reads the access-log group, and the metric
// widgets name the REST API by its name.
func TestDashboardFollowsTheFormatInPlace(t *testing.T) {
	t.Parallel()
	acct := newAccount(91)
	dev := loadStack(t, acct, "dev")
	dev.Set("dashboard", "true")
	dev.Set("alarm5xxThreshold", "5")
	up(t, dev)

	name, body := readDashboard(t, acct)
	assert.Equal(t, "apigw-access-logs-dev-dev", name)
	assert.Equal(t, name, dev.Output("dashboardName"))
	assert.Len(t, body.titles("alarm"), 1, "the 5XX alarm")
	assert.Contains(t, body.titles("log"), "Response latency p50, p90, p99 (ms, access log)")
	assert.Contains(t, body.titles("log"), "Top resource paths")
	for _, w := range body.Widgets {
		switch w.Type {
		case "log":
			assert.True(t, strings.HasPrefix(w.Properties.Query, "SOURCE '"+dev.Output("logGroupName")+"' | "),
				"%s: %s", w.Properties.Title, w.Properties.Query)
		case "metric":
			for _, m := range w.Properties.Metrics {
				assert.Equal(t, []any{"AWS/ApiGateway"}, m[:1])
				assert.Equal(t, "ApiName", m[2], "REST metrics are named by the API's name")
				assert.True(t, strings.HasPrefix(m[3].(string), "demo-api-rest-api-"), "%v", m)
			}
		}
	}

	dev.Set("accessLogFormat", "$context.requestId,$context.identity.sourceIp,$context.httpMethod,$context.status")
	preview := dev.Preview(t)
	require.NoError(t, preview.Err)
	assert.True(t, slices.ContainsFunc(preview.Logs, func(l string) bool {
		return strings.Contains(l, "dashboard widget response-latency left out")
	}), "the preview says which widget the format cannot serve: %v", preview.Logs)
	res := up(t, dev)
	assert.Contains(t, res.StepsOf(deploy.OpUpdate), simaws.TypeDashboard+"::access-logs")
	assert.Empty(t, res.StepsOf(deploy.OpReplace))
	_, body = readDashboard(t, acct)
	logs := body.titles("log")
	assert.NotContains(t, logs, "Response latency p50, p90, p99 (ms, access log)", "the CSV logs no latency")
	assert.NotContains(t, logs, "Top resource paths", "the CSV logs no path")
	assert.Contains(t, logs, "5XX responses (access log)")
	assert.Contains(t, logs, "Top client IPs")
	for _, w := range body.Widgets {
		if w.Properties.Title == "5XX responses (access log)" {
			assert.Contains(t, w.Properties.Query, "parse @message", "the CSV's status is read by its position")
		}
	}

	res = up(t, dev)
	assert.Equal(t, len(res.ResourceSteps()), res.Ops()[deploy.OpSame], "%v", res.Steps)
}

// With a Firehose destination there is no access-log group: the dashboard holds API Gateway's metrics only,
// and the preview says why the log widgets are left out.
func TestDashboardWithFirehoseHoldsMetricsOnly(t *testing.T) {
	t.Parallel()
	acct := newAccount(92)
	dev := loadStack(t, acct, "dev")
	dev.Set("dashboard", "true")
	dev.Set("firehoseStreamArn", "arn:aws:firehose:us-east-1:"+acct.ID()+":deliverystream/amazon-apigateway-dev")
	res := up(t, dev)
	assert.True(t, slices.ContainsFunc(res.Logs, func(l string) bool {
		return strings.Contains(l, "left out") && strings.Contains(l, "the access logs go to Firehose")
	}), "the update says why the log widgets are left out: %v", res.Logs)
	_, body := readDashboard(t, acct)
	assert.Empty(t, body.titles("log"))
	assert.NotEmpty(t, body.titles("metric"))
}

// An HTTP API's dashboard names its metrics by the API's id, with the HTTP metric names.
func TestDashboardOfAnHTTPAPI(t *testing.T) {
	t.Parallel()
	acct := newAccount(93)
	dev := loadStack(t, acct, "dev")
	dev.Set("apiType", "http")
	dev.Set("dashboard", "true")
	up(t, dev)
	_, body := readDashboard(t, acct)
	var metrics []string
	for _, w := range body.Widgets {
		for _, m := range w.Properties.Metrics {
			assert.Equal(t, "ApiId", m[2], "HTTP metrics are named by the API's id")
			metrics = append(metrics, m[1].(string))
		}
	}
	assert.Contains(t, metrics, "5xx")
	assert.NotContains(t, metrics, "5XXError")
}
