package simaws

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// TypeDashboard is a CloudWatch dashboard, as pulumi-aws v6.83.4 names it.
const TypeDashboard = "aws:cloudwatch/dashboard:Dashboard"

// The dashboard rules. Sources: CloudWatch API reference, PutDashboard
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html) and "Dashboard
// Body Structure and Syntax"
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html),
// [V] unless marked. AWS refuses a bad body with InvalidParameterInput and one validation message (a JSON
// path and a text) per defect: "The dashboard body is invalid, there are 3 validation errors: [ { "dataPath":
// "/widgets/9/properties", "message": "Should have required property 'metrics'" }, … ]" [S, the wording of
// real answers quoted in pulumi/pulumi#13059, aws-samples/aws-eda-slurm-cluster#116 and
// aws-solutions-library-samples guidance #7]. Messages seen in those answers are used as they are; the
// others follow their style and are marked [U].

// [V] PutDashboard, DashboardName: "The maximum length is 255, and valid characters are A-Z, a-z, 0-9, "-",
// and "_"" (terraform-provider-aws validDashboardName checks the same at plan time).
var dashboardNameRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,255}$`)

// maxDashboardBodyBytes: [U] no AWS page or API model found states a size limit for DashboardBody; the
// simulator refuses bodies over 1 MiB so that a generator that grows without bound is caught. Real bodies of
// this project are a few KB.
const maxDashboardBodyBytes = 1 << 20

// Limits of the body. [V] "Dashboard Body Structure and Syntax".
const (
	maxWidgets  = 500  // "an array of between 0 and 500 widget objects"
	gridColumns = 24   // x: "Valid Values: 0–23"; width: "Valid Values: 1–24" on "the 24-column dashboard grid"
	maxHeight   = 1000 // height: "Valid Values: 1–1000"
	maxMetrics  = 500  // metrics: "One metrics array can include 0–500 metrics and expressions"
	maxAlarms   = 100  // alarm widget alarms: "The array can have 1-100 ARNs"
)

var (
	// [V] Widgets Array Structure, type: "Valid Values: metric | text | log | alarm | explorer".
	widgetTypes = []string{"metric", "text", "log", "alarm", "explorer"}
	// [V] Properties of a Log Widget Object, view: table, timeSeries, bar, pie.
	logViews = []string{"table", "timeSeries", "bar", "pie"}
	// [V] Properties of a Metric Widget Object, view.
	metricViews = []string{"timeSeries", "singleValue", "gauge", "bar", "pie", "table"}
	// [V] stat: "Valid Values: SampleCount | Average | Sum | Minimum | Maximum | p??" (a percentile; [U] the
	// page's "p??" is read as p followed by a number such as p99 or p99.9).
	statRE = regexp.MustCompile(`^(SampleCount|Average|Sum|Minimum|Maximum|p\d{1,2}(\.\d+)?|p100)$`)
)

// metricsShape is AWS's message for a malformed metrics entry. [S] pulumi/pulumi#13059.
const metricsShape = `Field "metrics" has to be an array of array of strings, with an optional metricRenderer ` +
	`object as last element`

func init() {
	kinds[TypeDashboard] = &kind{
		// [V] pulumi-aws v6.83.4 Dashboard: dashboardBody and dashboardName are required, dashboardArn is an
		// output; terraform-provider-aws aws_cloudwatch_dashboard: dashboard_name is ForceNew (CloudFormation
		// AWS::CloudWatch::Dashboard: DashboardName "Update requires: Replacement", DashboardBody "No
		// interruption"), the body updates in place, with PutDashboard again.
		required: []string{"dashboardName", "dashboardBody"},
		forceNew: []string{"dashboardName"},
		// terraform-provider-aws: dashboard_body has DiffSuppressFunc SuppressEquivalentJSONDiffs.
		sameJSON: []string{"dashboardBody"},
		computed: []string{"dashboardArn"},
		check: func(in property.Map) []string {
			var bad []string
			if name, ok := str(in, "dashboardName"); ok && !dashboardNameRE.MatchString(name) {
				bad = append(bad, fmt.Sprintf("dashboardName: %q must be 1 to 255 characters from A-Z a-z 0-9 - _",
					name))
			}
			// terraform-provider-aws: dashboard_body has ValidateFunc validation.StringIsJSON.
			if body, ok := str(in, "dashboardBody"); ok && !json.Valid([]byte(body)) {
				bad = append(bad, "dashboardBody: contains an invalid JSON")
			}
			return bad
		},
		// PutDashboard creates the dashboard or, when one of that name exists, replaces it: names are global
		// to the account ("All dashboards in your account are global, not region-specific"), so a second
		// stack's dashboard of the same name overwrites the first one's, as on AWS.
		create: func(_ *Account, in property.Map) (string, error) {
			return strIn(in, "dashboardName"), checkDashboardBody(strIn(in, "dashboardBody"))
		},
		update: func(_ *Account, _ *Object, in property.Map) error {
			return checkDashboardBody(strIn(in, "dashboardBody"))
		},
		outputs: func(a *Account, id string, _ property.Map) map[string]property.Value {
			// [V] Service Authorization Reference, Amazon CloudWatch resource types:
			// arn:${Partition}:cloudwatch::${Account}:dashboard/${DashboardName}, with no region.
			return map[string]property.Value{
				"dashboardArn": property.New(fmt.Sprintf("arn:%s:cloudwatch::%s:dashboard/%s", a.partition, a.id, id)),
			}
		},
	}
}

// validationMessage is one of PutDashboard's DashboardValidationMessages.
type validationMessage struct {
	DataPath string `json:"dataPath"`
	Message  string `json:"message"`
}

// checkDashboardBody is PutDashboard's check of DashboardBody.
func checkDashboardBody(body string) error {
	if len(body) > maxDashboardBodyBytes {
		return awsError("InvalidParameterInput", "The dashboard body is %d bytes; the simulator accepts at most %d "+
			"(limit [U])", len(body), maxDashboardBodyBytes)
	}
	var doc any
	if json.Valid([]byte(body)) {
		d := json.NewDecoder(strings.NewReader(body))
		d.UseNumber() // so widths and positions are read as written, 6.5 as well as 6
		_ = d.Decode(&doc)
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		// [V] "A DashboardBody is a string in JSON format"; [U] the wording.
		return awsError("InvalidParameterInput", "The field DashboardBody must be a valid JSON object")
	}
	msgs := validateDashboard(obj)
	if len(msgs) == 0 {
		return nil
	}
	var list strings.Builder
	enc := json.NewEncoder(&list)
	enc.SetEscapeHTML(false) // "Should be <= 24", as AWS writes it
	enc.SetIndent("", "  ")
	_ = enc.Encode(msgs)
	return awsError("InvalidParameterInput", "The dashboard body is invalid, there are %d validation errors:\n%s",
		len(msgs), strings.TrimSuffix(list.String(), "\n"))
}

// validateDashboard lists what is wrong with a decoded body.
func validateDashboard(doc map[string]any) []validationMessage {
	var v validator
	widgets, ok := doc["widgets"]
	if !ok {
		// [V] "The dashboard must include a widgets array, but that array can be empty."
		v.add("", "Should have required property 'widgets'")
		return v.msgs
	}
	list, ok := widgets.([]any)
	if !ok {
		v.add("/widgets", "Should be array")
		return v.msgs
	}
	if len(list) > maxWidgets {
		v.add("/widgets", fmt.Sprintf("Should NOT have more than %d items", maxWidgets))
	}
	for i, w := range list {
		v.widget(fmt.Sprintf("/widgets/%d", i), w)
	}
	return v.msgs
}

type validator struct{ msgs []validationMessage }

func (v *validator) add(path, msg string) { v.msgs = append(v.msgs, validationMessage{path, msg}) }

// integer checks an optional integer field against [lo, hi] (hi < 0: no upper bound) and returns it.
func (v *validator) integer(path string, obj map[string]any, key string, lo, hi int) (int, bool) {
	raw, ok := obj[key]
	if !ok {
		return 0, false
	}
	n, isNum := raw.(json.Number)
	i, err := n.Int64()
	switch {
	case !isNum || err != nil:
		v.add(path+"/"+key, "Should be integer") // [V] x, y, width, height: "Type: Integer"
		return 0, false
	case int(i) < lo:
		v.add(path+"/"+key, fmt.Sprintf("Should be >= %d", lo))
	case hi >= 0 && int(i) > hi:
		v.add(path+"/"+key, fmt.Sprintf("Should be <= %d", hi))
	}
	return int(i), true
}

func (v *validator) widget(path string, raw any) {
	w, ok := raw.(map[string]any)
	if !ok {
		v.add(path, "Should be object")
		return
	}
	typ, _ := w["type"].(string)
	switch _, has := w["type"]; {
	case !has:
		v.add(path, "Should have required property 'type'") // [V] type: "Required: Yes"
	case !slices.Contains(widgetTypes, typ):
		v.add(path+"/type", "Should be equal to one of the allowed values") // [U] wording
	}
	x, hasX := v.integer(path, w, "x", 0, gridColumns-1)
	_, hasY := v.integer(path, w, "y", 0, -1)
	width, hasWidth := v.integer(path, w, "width", 1, gridColumns)
	v.integer(path, w, "height", 1, maxHeight)
	// [V] x: "Required: Yes, if y is specified"; y: "Required: Yes, if x is specified". [U] wording.
	if hasX != hasY {
		v.add(path, "Should have both properties x and y when either is present")
	}
	// [U] The page gives the grid as 24 columns and width as 1–24 but does not say whether a widget that
	// overhangs the grid (x + width > 24) is refused or moved; it is refused here so that no generated
	// layout relies on either.
	if hasX && hasWidth && x < gridColumns && width <= gridColumns && x+width > gridColumns {
		v.add(path, fmt.Sprintf("Widget overhangs the %d-column grid: x %d + width %d", gridColumns, x, width))
	}
	props, has := w["properties"]
	if !has {
		v.add(path, "Should have required property 'properties'") // [V] properties: "Type: Object, Required: Yes"
		return
	}
	p, ok := props.(map[string]any)
	if !ok {
		v.add(path+"/properties", "Should be object")
		return
	}
	path += "/properties"
	switch typ {
	case "log":
		v.logWidget(path, p)
	case "metric":
		v.metricWidget(path, p)
	case "alarm":
		v.alarmWidget(path, p)
	case "text":
		// [V] Properties of a Text Widget Object: "The markdown field is required".
		if _, ok := p["markdown"].(string); !ok {
			v.add(path, "Should have required property 'markdown'")
		}
	case "explorer":
		// [V] Properties of a Metrics Explorer Widget Object: labels and metrics are "Required: Yes".
		for _, key := range []string{"labels", "metrics"} {
			if _, ok := p[key]; !ok {
				v.add(path, "Should have required property '"+key+"'")
			}
		}
	}
}

// required reports a missing or empty string property.
func (v *validator) required(path string, p map[string]any, key string) (string, bool) {
	s, ok := p[key].(string)
	if !ok || s == "" {
		v.add(path, "Should have required property '"+key+"'")
		return "", false
	}
	return s, true
}

// logWidget: [V] Properties of a Log Widget Object: region "Required: Yes"; query "Required: Yes"; "The
// query string starts with the names of the log groups that are to be queried. You must pre-pend each log
// group name with SOURCE. Separate multiple log groups with a pipe character (|). Add another pipe character
// after the list of log groups, and then specify the query syntax"; view table | timeSeries | bar | pie.
func (v *validator) logWidget(path string, p map[string]any) {
	v.required(path, p, "region")
	if query, ok := v.required(path, p, "query"); ok {
		if reason := checkLogQuery(query); reason != "" {
			v.add(path+"/query", reason) // [U] wording
		}
	}
	if view, has := p["view"]; has && !slices.Contains(logViews, fmt.Sprint(view)) {
		v.add(path+"/view", "Should be equal to one of the allowed values")
	}
}

// checkLogQuery reads a log widget's query: one or more SOURCE '<log group>' each followed by "|", then the
// Logs Insights query. It returns what is wrong, or "".
func checkLogQuery(query string) string {
	rest := query
	groups := 0
	for {
		rest = strings.TrimLeft(rest, " ")
		after, ok := strings.CutPrefix(rest, "SOURCE '")
		if !ok {
			break
		}
		name, tail, closed := strings.Cut(after, "'")
		if !closed {
			return "The SOURCE log group name has no closing quote"
		}
		// [V] CloudWatch Logs API reference, CreateLogGroup: 1–512 characters from [\.\-_/#A-Za-z0-9].
		if !logGroupNameRE.MatchString(name) {
			return fmt.Sprintf("SOURCE %q is not a log group name", name)
		}
		groups++
		tail = strings.TrimLeft(tail, " ")
		if !strings.HasPrefix(tail, "|") {
			return "A pipe character (|) must follow the SOURCE log groups"
		}
		rest = tail[1:]
	}
	if groups == 0 {
		return "The query must start with SOURCE '<log group name>'"
	}
	if strings.TrimSpace(rest) == "" {
		return "The query has no Logs Insights command after its SOURCE log groups"
	}
	return ""
}

// metricWidget: [V] Properties of a Metric Widget Object: region "Required: Yes"; metrics "Required: Yes,
// when the widget type is metric and annotations is not specified", 0–500 entries; period "Any multiple of
// 60, with 60 as the minimum"; stat SampleCount | Average | Sum | Minimum | Maximum | p??; view
// timeSeries | singleValue | gauge | bar | pie | table. Metric Widget: Format for Each Metric in the Array:
// [Namespace, MetricName, [DimensionName, DimensionValue]…, {rendering properties}], or [{expression…}];
// after the first entry "." repeats the previous entry's namespace, name or dimension, and the PutDashboard
// examples use "..." for all of the previous entry but its last values.
func (v *validator) metricWidget(path string, p map[string]any) {
	_, hasRegion := p["region"].(string)
	metrics, hasMetrics := p["metrics"]
	_, hasAnnotations := p["annotations"]
	if !hasMetrics && !hasAnnotations {
		// [S] the three messages AWS gives a metric widget with neither (aws-eda-slurm-cluster#116).
		v.add(path, "Should have required property 'metrics'")
	}
	if !hasRegion || !hasMetrics && !hasAnnotations {
		v.add(path, "The metric widget should have specified a region and a data source or an alarm annotation")
	}
	if !hasMetrics && !hasAnnotations {
		v.add(path, "Should have required property 'annotations'")
	}
	if hasMetrics {
		v.metricsArray(path+"/metrics", metrics)
	}
	if period, has := v.integer(path, p, "period", 60, -1); has && period%60 != 0 {
		v.add(path+"/period", "Should be multiple of 60")
	}
	if stat, has := p["stat"]; has && !statRE.MatchString(fmt.Sprint(stat)) {
		v.add(path+"/stat", "Should be a statistic: SampleCount, Average, Sum, Minimum, Maximum or p??") // [U] wording
	}
	if view, has := p["view"]; has && !slices.Contains(metricViews, fmt.Sprint(view)) {
		v.add(path+"/view", "Should be equal to one of the allowed values")
	}
}

func (v *validator) metricsArray(path string, raw any) {
	list, ok := raw.([]any)
	if !ok {
		v.add(path, "Should be array")
		return
	}
	if len(list) > maxMetrics {
		v.add(path, fmt.Sprintf("Should NOT have more than %d items", maxMetrics))
	}
	for j, e := range list {
		entry, ok := e.([]any)
		if !ok {
			// [S] pulumi/pulumi#13059: an entry that is not an array gets both messages.
			v.add(fmt.Sprintf("%s/%d", path, j), "Should be array")
			v.add(fmt.Sprintf("%s/%d", path, j), metricsShape)
			continue
		}
		if reason := metricEntryProblem(entry, j == 0); reason != "" {
			v.add(fmt.Sprintf("%s/%d", path, j), reason)
		}
	}
}

// metricEntryProblem returns what is wrong with one entry of a metrics array, or "".
func metricEntryProblem(entry []any, first bool) string {
	if len(entry) == 0 {
		return metricsShape
	}
	var renderer map[string]any
	values := entry
	if m, ok := entry[len(entry)-1].(map[string]any); ok {
		renderer, values = m, entry[:len(entry)-1]
	}
	if len(values) == 0 {
		// An expression: [ {"expression": …, "label": …, "id": …} ].
		if expr, ok := renderer["expression"].(string); !ok || expr == "" {
			return "Should have required property 'expression'" // [U] wording
		}
		return ""
	}
	strs := make([]string, len(values))
	for i, e := range values {
		s, ok := e.(string)
		if !ok {
			return metricsShape
		}
		strs[i] = s
	}
	if renderer != nil {
		if stat, has := renderer["stat"]; has && !statRE.MatchString(fmt.Sprint(stat)) {
			return "Should be a statistic: SampleCount, Average, Sum, Minimum, Maximum or p??" // [U] wording
		}
	}
	if strs[0] == "..." {
		if first {
			return `"..." repeats the previous metric, and the first metric has none` // [U] wording
		}
		return ""
	}
	// Namespace and MetricName, then dimension name and value pairs.
	if len(strs) < 2 || len(strs)%2 != 0 {
		return metricsShape
	}
	for i, s := range strs {
		if s == "" || first && s == "." {
			return fmt.Sprintf("Item %d is empty or repeats a previous metric that does not exist", i) // [U]
		}
	}
	return ""
}

// alarmWidget: [V] Properties of an Alarm Status Widget Object: alarms, "An array of alarm ARNs to include in
// the widget. The array can have 1-100 ARNs", "Required: Yes". An empty array is answered "Should NOT have
// less than 1 items" [S, aws-solutions-library-samples guidance-for-automating-network-monitoring #7].
func (v *validator) alarmWidget(path string, p map[string]any) {
	raw, has := p["alarms"]
	if !has {
		v.add(path, "Should have required property 'alarms'")
		return
	}
	alarms, ok := raw.([]any)
	switch {
	case !ok:
		v.add(path+"/alarms", "Should be array")
		return
	case len(alarms) < 1:
		v.add(path+"/alarms", "Should NOT have less than 1 items")
	case len(alarms) > maxAlarms:
		v.add(path+"/alarms", fmt.Sprintf("Should NOT have more than %d items", maxAlarms))
	}
	for k, a := range alarms {
		// [V] Service Authorization Reference: arn:${Partition}:cloudwatch:${Region}:${Account}:alarm:${AlarmName}.
		s, _ := a.(string)
		arn, ok := parseARN(s)
		if !ok || arn.Service != "cloudwatch" || !strings.HasPrefix(arn.Resource, "alarm:") {
			v.add(fmt.Sprintf("%s/alarms/%d", path, k), "Should be an alarm ARN") // [U] wording
		}
	}
}
