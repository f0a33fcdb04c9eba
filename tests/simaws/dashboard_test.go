package simaws

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/insights"
)

// stageDashboard is insights.Dashboard's body for a stage logging format to a log group, with a 5XX alarm.
func stageDashboard(t *testing.T, format string, api accesslog.APIType) string {
	t.Helper()
	body, _, err := insights.Dashboard(insights.DashboardInput{Format: format, API: api,
		LogGroup: "/aws/apigateway/shop-dev", Region: DefaultRegion, APIName: "shop", APIID: "a1b2c3d4e5",
		Stage: "dev", AlarmARN: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:shop-dev-5xx"})
	require.NoError(t, err)
	return body
}

// Every dashboard the program writes is one PutDashboard accepts: each preset on its API type, a custom
// format, and a stage logging to Firehose (no log widgets).
func TestDashboardBodiesFromInsightsPass(t *testing.T) {
	t.Parallel()
	p := NewAccount(Options{}).Provider()
	bodies := map[string]string{}
	for _, name := range accesslog.PresetNames() {
		for _, api := range accesslog.APITypes {
			if format, ok := accesslog.Preset(name, api); ok {
				bodies[name] = stageDashboard(t, format, api)
			}
		}
	}
	bodies["custom-csv"] = stageDashboard(t, `$context.requestId,$context.httpMethod,$context.resourcePath,`+
		`$context.status,"$context.identity.userAgent",$context.responseLatency,$context.identity.sourceIp`, accesslog.REST)
	firehose, _, err := insights.Dashboard(insights.DashboardInput{API: accesslog.REST, Region: DefaultRegion,
		APIName: "shop", Stage: "dev"})
	require.NoError(t, err)
	bodies["firehose"] = firehose
	require.Len(t, bodies, len(accesslog.PresetNames())+2)
	for name, body := range bodies {
		id, out, err := create(t, p, TypeDashboard, name, props("dashboardName", "shop-dev-"+name, "dashboardBody", body))
		require.NoError(t, err, name)
		assert.Equal(t, "shop-dev-"+name, id)
		assert.Equal(t, "arn:aws:cloudwatch::123456789012:dashboard/shop-dev-"+name, out.Get("dashboardArn").AsString())
	}
}

// edit decodes a body, lets change alter it, and encodes it again.
func edit(t *testing.T, body string, change func(doc map[string]any)) string {
	t.Helper()
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(body), &doc))
	change(doc)
	out, err := json.Marshal(doc)
	require.NoError(t, err)
	return string(out)
}

// first returns the properties of the first widget of typ, and the widget.
func first(doc map[string]any, typ string) (props, widget map[string]any) {
	for _, w := range doc["widgets"].([]any) {
		if m := w.(map[string]any); m["type"] == typ {
			return m["properties"].(map[string]any), m
		}
	}
	panic("no " + typ + " widget")
}

// Each documented rule of the body refuses a body that breaks it, naming where, as PutDashboard does.
func TestDashboardBodyRules(t *testing.T) {
	t.Parallel()
	format, _ := accesslog.Preset("json", accesslog.REST)
	good := stageDashboard(t, format, accesslog.REST)
	withWidget := func(f func(w map[string]any)) func(map[string]any) {
		return func(doc map[string]any) { f(doc["widgets"].([]any)[0].(map[string]any)) }
	}
	onLog := func(f func(p map[string]any)) func(map[string]any) {
		return func(doc map[string]any) { p, _ := first(doc, "log"); f(p) }
	}
	onMetric := func(f func(p map[string]any)) func(map[string]any) {
		return func(doc map[string]any) { p, _ := first(doc, "metric"); f(p) }
	}
	cases := []struct {
		name   string
		body   string
		change func(doc map[string]any)
		want   string
	}{
		{name: "not JSON", body: `{"widgets": [`, want: "must be a valid JSON object"},
		{name: "not an object", body: `[]`, want: "must be a valid JSON object"},
		{name: "too large", body: `{"widgets":[],"pad":"` + strings.Repeat("x", maxDashboardBodyBytes) + `"}`, want: "at most"},
		{name: "no widgets", body: `{}`, want: `"dataPath": "",
    "message": "Should have required property 'widgets'"`},
		{name: "widgets not an array", body: `{"widgets":{}}`, want: "Should be array"},
		{name: "501 widgets", change: func(doc map[string]any) {
			w := doc["widgets"].([]any)
			for len(w) <= maxWidgets {
				w = append(w, w[0])
			}
			doc["widgets"] = w
		}, want: "Should NOT have more than 500 items"},
		{name: "unknown type", change: withWidget(func(w map[string]any) { w["type"] = "graph" }),
			want: `"dataPath": "/widgets/0/type"`},
		{name: "no type", change: withWidget(func(w map[string]any) { delete(w, "type") }),
			want: "Should have required property 'type'"},
		{name: "x past the grid", change: withWidget(func(w map[string]any) { w["x"], w["width"] = 24, 1 }),
			want: "Should be <= 23"},
		{name: "width 0", change: withWidget(func(w map[string]any) { w["width"] = 0 }), want: "Should be >= 1"},
		{name: "width 25", change: withWidget(func(w map[string]any) { w["x"], w["width"] = 0, 25 }),
			want: "Should be <= 24"},
		{name: "overhang", change: withWidget(func(w map[string]any) { w["x"], w["width"] = 20, 8 }),
			want: "overhangs the 24-column grid"},
		{name: "fractional width", change: withWidget(func(w map[string]any) { w["width"] = 6.5 }),
			want: "Should be integer"},
		{name: "height 1001", change: withWidget(func(w map[string]any) { w["height"] = 1001 }),
			want: "Should be <= 1000"},
		{name: "x without y", change: withWidget(func(w map[string]any) { delete(w, "y") }),
			want: "both properties x and y"},
		{name: "no properties", change: withWidget(func(w map[string]any) { delete(w, "properties") }),
			want: "Should have required property 'properties'"},
		{name: "log query without SOURCE", change: onLog(func(p map[string]any) {
			p["query"] = strings.TrimPrefix(p["query"].(string), "SOURCE '/aws/apigateway/shop-dev' | ")
		}), want: "must start with SOURCE"},
		{name: "log query SOURCE of no log group", change: onLog(func(p map[string]any) {
			p["query"] = "SOURCE 'shop dev' | stats count(*)"
		}), want: `SOURCE \"shop dev\" is not a log group name`},
		{name: "log query SOURCE without pipe", change: onLog(func(p map[string]any) {
			p["query"] = "SOURCE '/a' stats count(*)"
		}), want: "must follow the SOURCE"},
		{name: "log query with SOURCE only", change: onLog(func(p map[string]any) { p["query"] = "SOURCE '/a' | " }),
			want: "no Logs Insights command"},
		{name: "log widget without region", change: onLog(func(p map[string]any) { delete(p, "region") }),
			want: "Should have required property 'region'"},
		{name: "log view", change: onLog(func(p map[string]any) { p["view"] = "line" }),
			want: "/view"},
		{name: "metric widget without region", change: onMetric(func(p map[string]any) { delete(p, "region") }),
			want: "there are 1 validation errors:"},
		{name: "metric widget without metrics", change: onMetric(func(p map[string]any) { delete(p, "metrics") }),
			want: "there are 3 validation errors:"},
		{name: "metric entry not an array", change: onMetric(func(p map[string]any) {
			p["metrics"] = []any{"AWS/ApiGateway"}
		}), want: "Should be array"},
		{name: "dimension without value", change: onMetric(func(p map[string]any) {
			p["metrics"] = []any{[]any{"AWS/ApiGateway", "Count", "ApiName", "shop", "Stage"}}
		}), want: `has to be an array of array of strings`},
		{name: "object before the end", change: onMetric(func(p map[string]any) {
			p["metrics"] = []any{[]any{"AWS/ApiGateway", map[string]any{"stat": "Sum"}, "Count"}}
		}), want: `has to be an array of array of strings`},
		{name: "first metric repeats", change: onMetric(func(p map[string]any) {
			p["metrics"] = []any{[]any{".", "Count"}}
		}), want: "repeats a previous metric"},
		{name: "statistic", change: onMetric(func(p map[string]any) {
			p["metrics"] = []any{[]any{"AWS/ApiGateway", "Latency", map[string]any{"stat": "p 99"}}}
		}), want: "Should be a statistic"},
		{name: "period", change: onMetric(func(p map[string]any) { p["period"] = 90 }),
			want: "Should be multiple of 60"},
		{name: "alarm widget without alarms", change: func(doc map[string]any) {
			p, _ := first(doc, "alarm")
			p["alarms"] = []any{}
		}, want: "Should NOT have less than 1 items"},
		{name: "alarm that is not an ARN", change: func(doc map[string]any) {
			p, _ := first(doc, "alarm")
			p["alarms"] = []any{"shop-dev-5xx"}
		}, want: `"dataPath": "/widgets/0/properties/alarms/0"`},
		{name: "text widget without markdown", change: func(doc map[string]any) {
			doc["widgets"] = append(doc["widgets"].([]any), map[string]any{"type": "text", "x": 0, "y": 100,
				"width": 6, "height": 2, "properties": map[string]any{}})
		}, want: "Should have required property 'markdown'"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p := NewAccount(Options{}).Provider()
			body := c.body
			if c.change != nil {
				body = edit(t, good, c.change)
			}
			_, _, err := create(t, p, TypeDashboard, "d", props("dashboardName", "d", "dashboardBody", body))
			require.Error(t, err)
			assert.ErrorContains(t, err, "InvalidParameterInput: ")
			assert.ErrorContains(t, err, c.want)
		})
	}
}

// The name is checked before any call, as the provider's schema does; so is the body's JSON.
func TestDashboardCheck(t *testing.T) {
	t.Parallel()
	p := NewAccount(Options{}).Provider()
	check := func(in map[string]any) []plugin.CheckFailure {
		var kv []any
		for k, v := range in {
			kv = append(kv, k, v)
		}
		res, err := p.Check(context.Background(), plugin.CheckRequest{URN: urn(TypeDashboard, "d"),
			NewInputs: props(kv...), RandomSeed: []byte{1}})
		require.NoError(t, err)
		return res.Failures
	}
	assert.Empty(t, check(map[string]any{"dashboardName": insights.DashboardName("shop", "dev", "$default"),
		"dashboardBody": `{"widgets":[]}`}))
	for _, bad := range []string{"shop-dev-$default", "shop dev", strings.Repeat("d", 256)} {
		failures := check(map[string]any{"dashboardName": bad, "dashboardBody": `{"widgets":[]}`})
		require.Len(t, failures, 1, bad)
		assert.Equal(t, resource.PropertyKey("dashboardName"), failures[0].Property)
	}
	failures := check(map[string]any{"dashboardName": "d", "dashboardBody": `{"widgets":`})
	require.Len(t, failures, 1)
	assert.Equal(t, resource.PropertyKey("dashboardBody"), failures[0].Property)
	assert.Len(t, check(map[string]any{}), 2, "both inputs are required")
}

// A new body updates the dashboard in place; a new name replaces it; the same document written differently
// is no change.
func TestDashboardDiffAndUpdate(t *testing.T) {
	t.Parallel()
	a := NewAccount(Options{})
	p := a.Provider()
	format, _ := accesslog.Preset("http-json", accesslog.HTTP)
	body := stageDashboard(t, format, accesslog.HTTP)
	_, out := mustCreate(t, p, TypeDashboard, "d", props("dashboardName", "shop-dev", "dashboardBody", body))
	diff := func(olds, news map[string]any) plugin.DiffResult {
		res, err := p.Diff(context.Background(), plugin.DiffRequest{URN: urn(TypeDashboard, "d"),
			OldInputs: props("dashboardName", olds["dashboardName"], "dashboardBody", olds["dashboardBody"]),
			NewInputs: props("dashboardName", news["dashboardName"], "dashboardBody", news["dashboardBody"])})
		require.NoError(t, err)
		return res
	}
	old := map[string]any{"dashboardName": "shop-dev", "dashboardBody": body}
	newBody := edit(t, body, func(doc map[string]any) { doc["widgets"] = doc["widgets"].([]any)[1:] })

	inPlace := diff(old, map[string]any{"dashboardName": "shop-dev", "dashboardBody": newBody})
	assert.Equal(t, []resource.PropertyKey{"dashboardBody"}, inPlace.ChangedKeys)
	assert.Empty(t, inPlace.ReplaceKeys)

	renamed := diff(old, map[string]any{"dashboardName": "shop-prod", "dashboardBody": body})
	assert.Equal(t, []resource.PropertyKey{"dashboardName"}, renamed.ReplaceKeys)

	var indented strings.Builder
	enc := json.NewEncoder(&indented)
	enc.SetIndent("", "    ")
	var doc any
	require.NoError(t, json.Unmarshal([]byte(body), &doc))
	require.NoError(t, enc.Encode(doc))
	same := diff(old, map[string]any{"dashboardName": "shop-dev", "dashboardBody": indented.String()})
	assert.Equal(t, plugin.DiffNone, same.Changes, "an equal JSON document is no change")

	update := func(body string) error {
		_, err := p.Update(context.Background(), plugin.UpdateRequest{URN: urn(TypeDashboard, "d"), ID: "shop-dev",
			OldInputs: props("dashboardName", "shop-dev", "dashboardBody", body), OldOutputs: out,
			NewInputs: props("dashboardName", "shop-dev", "dashboardBody", body)})
		return err
	}
	assert.ErrorContains(t, update(`{"widgets":[{"type":"log","properties":{}}]}`), "InvalidParameterInput")
	require.NoError(t, update(newBody))
	assert.Equal(t, newBody, a.ObjectsOf(TypeDashboard)[0].Str("dashboardBody"))
}

// Dashboard names are global to the account: a second stack's PutDashboard of the same name replaces the
// first one's dashboard instead of failing.
func TestDashboardNameIsGlobal(t *testing.T) {
	t.Parallel()
	a := NewAccount(Options{})
	p := a.Provider()
	mustCreate(t, p, TypeDashboard, "one", props("dashboardName", "shop", "dashboardBody", `{"widgets":[]}`))
	second := `{"widgets":[{"type":"text","x":0,"y":0,"width":6,"height":2,"properties":{"markdown":"b"}}]}`
	mustCreate(t, p, TypeDashboard, "two", props("dashboardName", "shop", "dashboardBody", second))
	dashboards := a.ObjectsOf(TypeDashboard)
	require.Len(t, dashboards, 1)
	assert.Equal(t, second, dashboards[0].Str("dashboardBody"))
}
