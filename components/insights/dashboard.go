package insights

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

// The dashboard follows these pages:
//   - CloudWatch API reference, "Dashboard Body Structure and Syntax",
//     https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html:
//     a JSON object with a `widgets` array (0 to 500); each widget has a type (metric, text, log, alarm,
//     explorer), x (0–23) and y on the 24-column grid, width (1–24), height (1–1000) and properties. A log
//     widget's query starts with the log group, "pre-pend each log group name with SOURCE", then the query
//     with its lines separated by "\n|"; its view is table, timeSeries, bar or pie; its region is required.
//     A metric widget has a region and a `metrics` array of [Namespace, MetricName, DimensionName,
//     DimensionValue…, {rendering properties}]; an alarm widget lists 1–100 alarm ARNs.
//   - CloudWatch API reference, PutDashboard,
//     https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html: dashboard
//     names are at most 255 characters from A-Z, a-z, 0-9, "-" and "_"; "All dashboards in your account are
//     global, not region-specific."
//   - API Gateway developer guide, REST: "Amazon API Gateway dimensions and metrics",
//     https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html:
//     namespace AWS/ApiGateway, dimensions ApiName and Stage; 4XXError, 5XXError, Count ("The SampleCount
//     statistic represents this metric"), IntegrationLatency, Latency; "API Gateway removes non-ASCII
//     characters from the ApiName dimension … If the APIName contains no ASCII characters, the API ID is used".
//   - HTTP: "Monitor CloudWatch metrics for HTTP APIs in API Gateway",
//     https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html: dimensions ApiId
//     and Stage; 4xx, 5xx, Count, IntegrationLatency, Latency, DataProcessed.
//   - WebSocket: "Monitor WebSocket API execution with CloudWatch metrics",
//     https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-logging.html:
//     dimensions ApiId and Stage; ConnectCount, MessageCount, IntegrationError, ClientError, ExecutionError,
//     IntegrationLatency.
//   - CloudWatch Logs Insights "stats" (CWL_QuerySyntax-Stats.html): `stats count(*) by bin(1h)`, and a query
//     grouped by bin() can be shown as a line chart; "Boolean, comparison, numeric, datetime, and other
//     functions" (CWL_QuerySyntax-operations-functions.html): pct(fieldName, percent).

// DashboardInput is what [Dashboard] needs to know of one stage.
type DashboardInput struct {
	// Format is the resolved access-log format. It is required when LogGroup is set, and not read otherwise.
	Format string
	// API is the API type of the stage.
	API accesslog.APIType
	// LogGroup is the name of the access-log group. Empty when the access logs go to Firehose: the dashboard
	// then has no log widgets.
	LogGroup string
	// Region is the stage's region; every log and metric widget names it (dashboards are global).
	Region string
	// APIName is a REST API's name, the ApiName dimension of its metrics. Required for REST APIs unless it
	// has no ASCII character, in which case API Gateway uses the API id and APIID is required.
	APIName string
	// APIID is an HTTP or WebSocket API's id, the ApiId dimension of its metrics. Required for those.
	APIID string
	// Stage is the stage name, the Stage dimension.
	Stage string
	// AlarmARN is the ARN of the 5XX alarm, shown in an alarm widget; empty when there is none.
	AlarmARN string
}

// The grid and the time resolution of the dashboard.
const (
	gridColumns = 24
	// bin is the time bucket of the log widgets' time series, and metricPeriod the same 5 minutes for the
	// metric widgets, so the two kinds of chart line up.
	bin          = "5m"
	metricPeriod = 300
)

// logWidget is a log widget: a query written from the format, with how it is shown.
type logWidget struct {
	spec querySpec
	// title returns the widget's title on an API type.
	title func(api accesslog.APIType) string
	view  string
}

func titled(s string) func(accesslog.APIType) string {
	return func(accesslog.APIType) string { return s }
}

// Variables the dashboard reads besides those of the saved queries.
var (
	responseLatencyVars    = []accesslog.Var{accesslog.ResponseLatency}
	integrationLatencyVars = []accesslog.Var{accesslog.IntegrationLatency, accesslog.IntegrationDotLatency}
	// routeTableVars are the route templates: unlike $context.path they hold no ids, so requests group by
	// operation.
	routeTableVars = []accesslog.Var{accesslog.ResourcePath, accesslog.RouteKey}
)

// logWidgetRows are the log widgets, row by row, in the order they appear and are reported.
var logWidgetRows = []struct {
	height  int
	widgets []logWidget
}{
	{6, []logWidget{
		{querySpec{"requests-over-time", "Requests per 5 minutes, from the access log.", requestsOverTime},
			titled("Requests (access log)"), "timeSeries"},
		{querySpec{"4xx-over-time", "Responses with a 4XX status per 5 minutes.",
			func(b *builder) (Query, string) { return statusOverTime(b, 4) }},
			titled("4XX responses (access log)"), "timeSeries"},
		{querySpec{"5xx-over-time", "Responses with a 5XX status per 5 minutes.",
			func(b *builder) (Query, string) { return statusOverTime(b, 5) }},
			titled("5XX responses (access log)"), "timeSeries"},
	}},
	{6, []logWidget{
		{querySpec{"response-latency", "Percentiles 50, 90 and 99 of the response latency, in ms.",
			func(b *builder) (Query, string) { return percentiles(b, responseLatencyVars) }},
			titled("Response latency p50, p90, p99 (ms, access log)"), "timeSeries"},
		{querySpec{"integration-latency", "Percentiles 50, 90 and 99 of the integration latency, in ms.",
			func(b *builder) (Query, string) { return percentiles(b, integrationLatencyVars) }},
			titled("Integration latency p50, p90, p99 (ms, access log)"), "timeSeries"},
	}},
	{8, []logWidget{
		{querySpec{"top-routes", "The resource paths or routes that received the most requests.", topRoutes},
			func(api accesslog.APIType) string {
				if api == accesslog.REST {
					return "Top resource paths"
				}
				return "Top routes"
			}, "table"},
		{topClientIPsSpec, titled("Top client IPs"), "table"},
	}},
	{8, []logWidget{
		{slowestSpec, titled("Slowest requests (ms)"), "table"},
	}},
}

func requestsOverTime(*builder) (Query, string) {
	return Query{Text: fmt.Sprintf("stats count(*) as requests by bin(%s)", bin)}, ""
}

// statusOverTime counts the responses of a status class, with the saved queries' status filter.
func statusOverTime(b *builder, class int) (Query, string) {
	status, ok := b.l.find(statusVars...)
	if !ok {
		return Query{}, missing(statusVars)
	}
	return Query{Text: lines(
		"filter "+statusFilter(b, status, class),
		fmt.Sprintf("stats count(*) as requests by bin(%s)", bin),
	)}, ""
}

// percentiles charts the 50th, 90th and 99th percentile of the first of vars the format holds. pct takes a
// numeric field; as for avg in the slowest-requests query, a value read from text is taken to count as a
// number [U].
func percentiles(b *builder, vars []accesslog.Var) (Query, string) {
	tok, ok := b.l.find(vars...)
	if !ok {
		return Query{}, b.l.missingOnAPI(vars)
	}
	ref := b.ref(tok)
	return Query{Text: fmt.Sprintf("stats pct(%s, 50) as p50, pct(%s, 90) as p90, pct(%s, 99) as p99 by bin(%s)",
		ref, ref, ref, bin)}, ""
}

func topRoutes(b *builder) (Query, string) {
	route, ok := b.l.find(routeTableVars...)
	if !ok {
		return Query{}, b.l.missingOnAPI(routeTableVars)
	}
	return Query{Text: lines(
		"stats count(*) as requests by "+b.ref(route),
		"sort requests desc",
		fmt.Sprintf("limit %d", topLimit),
	)}, ""
}

// missingOnAPI is missing's reason, adding that the API type has none of vars when so, since no format
// for it can then serve the widget.
func (l *layout) missingOnAPI(vars []accesslog.Var) string {
	for _, v := range vars {
		if info, ok := v.Info(); !ok || info.For(l.api) {
			return missing(vars)
		}
	}
	return missing(vars) + ", which " + l.api.String() + "s do not have"
}

// dashboardQueries writes the queries of the dashboard's log widgets, in the order of the widgets, and the
// widgets it leaves out with the reason.
func dashboardQueries(format string, api accesslog.APIType) ([]Query, []Skipped, error) {
	l, err := newLayout(format, api)
	if err != nil {
		return nil, nil, err
	}
	var specs []querySpec
	for _, row := range logWidgetRows {
		for _, w := range row.widgets {
			specs = append(specs, w.spec)
		}
	}
	queries, skipped := l.queries(specs)
	return queries, skipped, nil
}

// metricLine is one metric of a metric widget.
type metricLine struct {
	name, stat, label string
}

// metricWidget is a widget of API Gateway's own metrics.
type metricWidget struct {
	title string
	lines []metricLine
}

func percentileLines(metric, label string) []metricLine {
	return []metricLine{{metric, "p50", label + " p50"}, {metric, "p90", label + " p90"}, {metric, "p99", label + " p99"}}
}

// metricWidgets are API Gateway's metrics for api, by the pages cited above. REST Count is read with
// SampleCount, as its page says; the HTTP and WebSocket pages name no statistic for their counts, and Sum
// is used [U].
func metricWidgets(api accesslog.APIType) []metricWidget {
	switch api {
	case accesslog.REST:
		return []metricWidget{
			{"Requests (API Gateway)", []metricLine{{"Count", "SampleCount", "Count"}}},
			{"4XX and 5XX errors (API Gateway)", []metricLine{{"4XXError", "Sum", "4XXError"}, {"5XXError", "Sum", "5XXError"}}},
			{"Latency (ms, API Gateway)", percentileLines("Latency", "Latency")},
			{"Integration latency (ms, API Gateway)", percentileLines("IntegrationLatency", "IntegrationLatency")},
		}
	case accesslog.HTTP:
		return []metricWidget{
			{"Requests (API Gateway)", []metricLine{{"Count", "Sum", "Count"}}},
			{"4xx and 5xx errors (API Gateway)", []metricLine{{"4xx", "Sum", "4xx"}, {"5xx", "Sum", "5xx"}}},
			{"Latency (ms, API Gateway)", percentileLines("Latency", "Latency")},
			{"Integration latency (ms, API Gateway)", percentileLines("IntegrationLatency", "IntegrationLatency")},
		}
	}
	return []metricWidget{
		{"Connections and messages (API Gateway)", []metricLine{{"ConnectCount", "Sum", "ConnectCount"},
			{"MessageCount", "Sum", "MessageCount"}}},
		{"Errors (API Gateway)", []metricLine{{"ClientError", "Sum", "ClientError"},
			{"IntegrationError", "Sum", "IntegrationError"}, {"ExecutionError", "Sum", "ExecutionError"}}},
		{"Integration latency (ms, API Gateway)", percentileLines("IntegrationLatency", "IntegrationLatency")},
	}
}

// The JSON of the body. Struct fields keep their order, so the same input gives byte-identical bodies.
type (
	dashboardBody struct {
		Widgets []widget `json:"widgets"`
	}
	widget struct {
		Type       string `json:"type"`
		X          int    `json:"x"`
		Y          int    `json:"y"`
		Width      int    `json:"width"`
		Height     int    `json:"height"`
		Properties any    `json:"properties"`
	}
	logProperties struct {
		Region string `json:"region"`
		Title  string `json:"title"`
		Query  string `json:"query"`
		View   string `json:"view"`
	}
	metricProperties struct {
		Region  string  `json:"region"`
		Title   string  `json:"title"`
		View    string  `json:"view"`
		Stacked bool    `json:"stacked"`
		Period  int     `json:"period"`
		Metrics [][]any `json:"metrics"`
	}
	// metricRendering is the rendering properties object that ends a metric's array.
	metricRendering struct {
		Stat  string `json:"stat"`
		Label string `json:"label"`
	}
	// alarmProperties has only what the page lists for an alarm widget (alarms, sortBy, states, title): no
	// region, which the alarm's ARN carries.
	alarmProperties struct {
		Title  string   `json:"title"`
		Alarms []string `json:"alarms"`
	}
)

// row is widgets of one height that share the grid's width equally.
type row struct {
	height  int
	widgets []widget
}

// arrange lays rows out top to bottom, each row's widgets side by side across the 24 columns.
func arrange(rows []row) []widget {
	var out []widget
	y := 0
	for _, r := range rows {
		if len(r.widgets) == 0 {
			continue
		}
		width := gridColumns / len(r.widgets)
		for i, w := range r.widgets {
			w.X, w.Y, w.Width, w.Height = i*width, y, width, r.height
			out = append(out, w)
		}
		y += r.height
	}
	return out
}

// logGroupNameRE is what CloudWatch Logs allows in a log group name (CloudWatch Logs API reference,
// CreateLogGroup: 1–512 characters from [\.\-_/#A-Za-z0-9]); such a name never holds the quote that ends
// SOURCE '…'.
var logGroupNameRE = regexp.MustCompile(`^[\.\-_/#A-Za-z0-9]{1,512}$`)

// alarmARNRE is a CloudWatch alarm's ARN: arn:partition:cloudwatch:region:account:alarm:name.
var alarmARNRE = regexp.MustCompile(`^arn:[a-z-]+:cloudwatch:[a-z0-9-]+:\d{12}:alarm:.+$`)

var regionRE = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-\d+$`)

// Dashboard writes the CloudWatch dashboard body (DashboardBody, a JSON string) of one stage, from the
// access-log format's own layout, and the widgets it leaves out with the reason. From top to bottom:
//
//   - the 5XX alarm's state, when AlarmARN is set;
//   - API Gateway's own metrics for the API type, with its dimensions (REST: ApiName and Stage; HTTP and
//     WebSocket: ApiId and Stage): requests, errors, latency and integration latency (WebSocket:
//     connections and messages, errors, integration latency);
//   - from the access log, with Logs Insights queries on the log group: requests, 4XX and 5XX responses
//     per 5 minutes; the 50th, 90th and 99th percentile of the response latency and of the integration
//     latency; the resource paths (REST) or routes that receive the most requests, the client IPs that send
//     the most, and the slowest requests.
//
// The log widgets' queries are written like [Queries]: from the variables the format holds, with the same
// parse commands, and the tables are the saved queries themselves. A widget whose variables the format lacks
// is left out and reported; with no LogGroup (logs to Firehose) every log widget is. The same input always
// gives the same body, widgets in a fixed order and keys in a fixed order.
//
// Dashboard fails when a field the body needs is missing or malformed, or when the format is not valid for
// the API type.
func Dashboard(in DashboardInput) (string, []Skipped, error) {
	if err := in.check(); err != nil {
		return "", nil, err
	}
	rows := []row{}
	if in.AlarmARN != "" {
		rows = append(rows, row{3, []widget{{Type: "alarm",
			Properties: alarmProperties{Title: "5XX alarm", Alarms: []string{in.AlarmARN}}}}})
	}
	rows = append(rows, in.metricRow())

	logRowsOut, skipped, err := in.logRows()
	if err != nil {
		return "", nil, err
	}
	rows = append(rows, logRowsOut...)

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // XML formats' parse commands hold < and >; keep them readable
	if err := enc.Encode(dashboardBody{Widgets: arrange(rows)}); err != nil {
		return "", nil, fmt.Errorf("dashboard: %w", err)
	}
	return strings.TrimSuffix(buf.String(), "\n"), skipped, nil
}

func (in DashboardInput) check() error {
	var errs []error
	switch in.API {
	case accesslog.REST:
		switch {
		case in.APIName == "":
			errs = append(errs, errors.New("dashboard: APIName is required for a REST API (the ApiName dimension)"))
		case in.apiName() == "":
			errs = append(errs, fmt.Errorf("dashboard: APIName %q has no ASCII character, so API Gateway names "+
				"the metrics' ApiName after the API id, and APIID is empty", in.APIName))
		}
	case accesslog.HTTP, accesslog.WebSocket:
		if in.APIID == "" {
			errs = append(errs, errors.New("dashboard: APIID is required for HTTP and WebSocket APIs (the ApiId "+
				"dimension)"))
		}
	default:
		errs = append(errs, fmt.Errorf("dashboard: API %q is not one of %v", in.API, accesslog.APITypes))
	}
	if !regionRE.MatchString(in.Region) {
		errs = append(errs, fmt.Errorf("dashboard: Region %q is not a region name such as us-east-1", in.Region))
	}
	if in.Stage == "" {
		errs = append(errs, errors.New("dashboard: Stage is required (the Stage dimension)"))
	}
	if in.LogGroup != "" {
		if !logGroupNameRE.MatchString(in.LogGroup) {
			errs = append(errs, fmt.Errorf("dashboard: LogGroup %q is not a log group name (1 to 512 characters "+
				"from A-Z a-z 0-9 . - _ / #)", in.LogGroup))
		}
		if in.Format == "" {
			errs = append(errs, errors.New("dashboard: Format is required with a LogGroup: the log widgets' "+
				"queries are written from it"))
		}
	}
	if in.AlarmARN != "" && !alarmARNRE.MatchString(in.AlarmARN) {
		errs = append(errs, fmt.Errorf("dashboard: AlarmARN %q is not a CloudWatch alarm ARN "+
			"(arn:aws:cloudwatch:<region>:<account>:alarm:<name>)", in.AlarmARN))
	}
	return errors.Join(errs...)
}

// apiName is the ApiName dimension API Gateway gives a REST API: its name without non-ASCII characters,
// or its id when no ASCII character is left (developer guide, "Amazon API Gateway dimensions and metrics").
func (in DashboardInput) apiName() string {
	name := strings.Map(func(r rune) rune {
		if r > 0x7f {
			return -1
		}
		return r
	}, in.APIName)
	if name == "" {
		return in.APIID
	}
	return name
}

// dimensions are the metrics' dimensions, name and value pairs.
func (in DashboardInput) dimensions() []any {
	if in.API == accesslog.REST {
		return []any{"ApiName", in.apiName(), "Stage", in.Stage}
	}
	return []any{"ApiId", in.APIID, "Stage", in.Stage}
}

func (in DashboardInput) metricRow() row {
	var r row
	r.height = 6
	for _, mw := range metricWidgets(in.API) {
		var metrics [][]any
		for _, l := range mw.lines {
			m := append([]any{"AWS/ApiGateway", l.name}, in.dimensions()...)
			metrics = append(metrics, append(m, metricRendering{Stat: l.stat, Label: l.label}))
		}
		r.widgets = append(r.widgets, widget{Type: "metric", Properties: metricProperties{
			Region: in.Region, Title: mw.title, View: "timeSeries", Period: metricPeriod, Metrics: metrics,
		}})
	}
	return r
}

// logRows are the log widgets the format can serve, row by row, and those it cannot.
func (in DashboardInput) logRows() ([]row, []Skipped, error) {
	if in.LogGroup == "" {
		skipped, err := DashboardSkipped("", in.API, false)
		return nil, skipped, err
	}
	queries, skipped, err := dashboardQueries(in.Format, in.API)
	if err != nil {
		return nil, nil, fmt.Errorf("dashboard: %w", err)
	}
	byName := map[string]Query{}
	for _, q := range queries {
		byName[q.Name] = q
	}
	var rows []row
	for _, r := range logWidgetRows {
		out := row{height: r.height}
		for _, w := range r.widgets {
			q, ok := byName[w.spec.name]
			if !ok {
				continue
			}
			out.widgets = append(out.widgets, widget{Type: "log", Properties: logProperties{
				Region: in.Region,
				Title:  w.title(in.API),
				Query:  "SOURCE '" + in.LogGroup + "' | " + q.Text,
				View:   w.view,
			}})
		}
		rows = append(rows, out)
	}
	return rows, skipped, nil
}

// DashboardSkipped returns the log widgets a dashboard leaves out, with the reason, for a format and API
// type and whether the access logs go to a log group (logGroup) or to Firehose: what [Dashboard] returns as
// skipped, known before the names and ids the body holds are.
func DashboardSkipped(format string, api accesslog.APIType, logGroup bool) ([]Skipped, error) {
	if logGroup {
		_, skipped, err := dashboardQueries(format, api)
		if err != nil {
			return nil, fmt.Errorf("dashboard: %w", err)
		}
		return skipped, nil
	}
	var skipped []Skipped
	for _, r := range logWidgetRows {
		for _, w := range r.widgets {
			skipped = append(skipped, Skipped{Name: w.spec.name, Reason: "no LogGroup (the access logs go to " +
				"Firehose): Logs Insights queries read only CloudWatch Logs groups"})
		}
	}
	return skipped, nil
}

// maxDashboardName is PutDashboard's limit on DashboardName.
const maxDashboardName = 255

// notInDashboardName is what PutDashboard does not allow in a name: anything but A-Z, a-z, 0-9, "-" and "_".
var notInDashboardName = regexp.MustCompile(`[^A-Za-z0-9_-]`)

// DashboardName returns the name of a stage's dashboard, "<project>-<stack>-<stage>", in the characters
// PutDashboard allows (A-Z, a-z, 0-9, "-" and "_"; at most 255): every other character, such as the "$" of
// "$default", becomes "_", and a longer name is cut to 246 characters followed by "-" and 8 hex digits of its
// SHA-256, so it stays unique. Dashboards are global to the account, not regional: the name must tell apart
// stacks deployed to different regions, which distinct stack names do.
func DashboardName(project, stack, stage string) string {
	name := notInDashboardName.ReplaceAllString(project+"-"+stack+"-"+stage, "_")
	if len(name) <= maxDashboardName {
		return name
	}
	sum := sha256.Sum256([]byte(name))
	return name[:maxDashboardName-9] + "-" + hex.EncodeToString(sum[:4])
}
