package apigwlogs

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/insights"
)

// MonitoringArgs configures [Monitoring]. LogGroup and AccessLogFormat are required. AccessLogFormat,
// APIType, DisableSavedQueries and Alarm5XXThreshold must be known when the program runs: they decide which
// queries, filter and alarm exist.
type MonitoringArgs struct {
	// LogGroup is the access-log group the queries read and the metric filter watches.
	LogGroup *LogGroup `pulumi:"logGroup" provider:"type=index:LogGroup"`
	// AccessLogFormat is the stage's access-log format as sent to API Gateway (resolved, not a preset name): the
	// queries and the filter pattern are written from its own field names and positions.
	AccessLogFormat string `pulumi:"accessLogFormat"`
	// APIType is the API's type: rest (the default), http or websocket.
	APIType accesslog.APIType `pulumi:"apiType,optional"`
	// DisableSavedQueries leaves out the saved Logs Insights queries (4XX, 5XX, slowest requests, top client
	// IPs, requests by caller), which are on by default.
	DisableSavedQueries bool `pulumi:"disableSavedQueries,optional"`
	// Alarm5XXThreshold turns on the 5XX alarm: it fires when at least this many lines with a 5XX status arrive
	// in 5 minutes. 0, the default, is off. Needs a STANDARD log group (metric filters are not available for
	// INFREQUENT_ACCESS).
	Alarm5XXThreshold int `pulumi:"alarm5xxThreshold,optional"`
	// AlarmTopicARN is the SNS topic the alarm notifies. Optional; needs the alarm.
	AlarmTopicARN pulumi.StringInput `pulumi:"alarmTopicArn,optional"`
	// Tags are added to the alarm. Optional.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// Validate checks the args that are known when the program runs; [NewMonitoring] checks a computed topic ARN
// when it resolves. The error is one or more [ArgError]s.
func (a *MonitoringArgs) Validate() error {
	_, err := a.check(false)
	return err
}

func (a *MonitoringArgs) check(wrap bool) (*MonitoringArgs, error) {
	if a == nil {
		return nil, fieldError("args", nil, errArgsRequired)
	}
	c := &checker{wrap: wrap}
	c.tags(a.Tags)
	c.required("logGroup", a.LogGroup != nil, "the access-log group the queries read")
	c.required("accessLogFormat", a.AccessLogFormat != "", "the stage's access-log format")
	if err := ValidateAPIType(a.APIType); err != nil {
		c.add(fieldError("apiType", string(a.APIType), err))
	}
	out := *a
	out.APIType = a.APIType.OrREST()
	out.AlarmTopicARN = checkAlarm(c, a.Alarm5XXThreshold, a.AlarmTopicARN, "")
	return &out, c.err()
}

// checkAlarm checks the 5XX alarm's args, for the access-log group's class, and returns the checked topic.
func checkAlarm(c *checker, threshold int, topic pulumi.StringInput, class LogGroupClass) pulumi.StringInput {
	switch {
	case threshold < 0:
		c.add(fieldError("alarm5xxThreshold", threshold, fmt.Errorf("5XX alarm threshold %d is not allowed: use 0 "+
			"(off) or a count of 5XX lines per 5 minutes", threshold)))
	case threshold > 0 && class == LogGroupClassInfrequentAccess:
		c.add(combination("the 5XX alarm needs a metric filter, which INFREQUENT_ACCESS log groups do not "+
			"support (CloudWatch Logs user guide, \"Log classes\"): use a STANDARD log group or no alarm",
			"logGroupClass", class, "alarm5xxThreshold", threshold))
	case threshold == 0 && topic != nil:
		c.add(combination("the topic is notified by the 5XX alarm, which is off: set alarm5xxThreshold above 0",
			"alarmTopicArn", value(topic), "alarm5xxThreshold", threshold))
	}
	return c.str("alarmTopicArn", topic, ValidateSNSTopicARN)
}

// Monitoring holds what is written from a stage's access-log format: saved CloudWatch Logs Insights queries,
// and a metric filter and alarm on 5XX responses. A format change rewrites them in place.
type Monitoring struct {
	pulumi.ResourceState

	// SavedQueries are the saved queries' names (as the Logs Insights console lists them).
	SavedQueries pulumi.StringArrayOutput `pulumi:"savedQueries"`
	// Alarm5XXFilterPattern is the 5XX metric filter's pattern; empty when the alarm is off.
	Alarm5XXFilterPattern pulumi.StringOutput `pulumi:"alarm5xxFilterPattern"`
	// Alarm5XXARN is the 5XX alarm's ARN; empty when it is off.
	Alarm5XXARN pulumi.StringOutput `pulumi:"alarm5xxArn"`

	// Queries are the saved queries; MetricFilter and Alarm the 5XX alarm's parts (nil when off).
	Queries      []*cloudwatch.QueryDefinition
	MetricFilter *cloudwatch.LogMetricFilter
	Alarm        *cloudwatch.MetricAlarm
}

// NewMonitoring creates the queries and the alarm for a log group and its format.
func NewMonitoring(ctx *pulumi.Context, name string, args *MonitoringArgs, opts ...pulumi.ResourceOption) (*Monitoring, error) {
	args, err := args.check(true)
	if err != nil {
		return nil, fmt.Errorf("monitoring %s: %w", name, err)
	}
	topic := args.AlarmTopicARN
	c := &Monitoring{}
	if err := register(ctx, monitoringToken, name, args, c, opts...); err != nil {
		return nil, err
	}
	format, api := args.AccessLogFormat, args.APIType
	var queryNames []string
	if !args.DisableSavedQueries {
		queries, skipped, err := insights.Queries(format, api)
		if err != nil {
			return nil, fmt.Errorf("monitoring %s: %w", name, err)
		}
		for _, q := range queries {
			queryName := fmt.Sprintf("%s/%s/%s/%s", ctx.Project(), ctx.Stack(), name, q.Name)
			def, err := cloudwatch.NewQueryDefinition(ctx, name+"-"+q.Name, &cloudwatch.QueryDefinitionArgs{
				Name:          pulumi.String(queryName),
				LogGroupNames: pulumi.StringArray{args.LogGroup.Name},
				QueryString:   pulumi.String(q.Text),
			}, pulumi.Parent(c))
			if err != nil {
				return nil, err
			}
			c.Queries = append(c.Queries, def)
			queryNames = append(queryNames, queryName)
		}
		for _, s := range skipped {
			if err := ctx.Log.Info(fmt.Sprintf("saved query %s left out: %s", s.Name, s.Reason), &pulumi.LogArgs{Resource: c}); err != nil {
				return nil, err
			}
		}
	}
	c.SavedQueries = pulumi.ToStringArray(queryNames).ToStringArrayOutput()
	c.Alarm5XXFilterPattern, c.Alarm5XXARN = pulumi.String("").ToStringOutput(), pulumi.String("").ToStringOutput()
	if args.Alarm5XXThreshold > 0 {
		pattern, err := insights.FilterPattern5XX(format, api)
		if err != nil {
			return nil, fmt.Errorf("monitoring %s: 5XX alarm: %w", name, err)
		}
		namespace := fmt.Sprintf("APIGatewayAccessLogs/%s/%s/%s", ctx.Project(), ctx.Stack(), name)
		const metric = "5XXResponses"
		if c.MetricFilter, err = cloudwatch.NewLogMetricFilter(ctx, name+"-5xx", &cloudwatch.LogMetricFilterArgs{
			LogGroupName: args.LogGroup.Name,
			Pattern:      pulumi.String(pattern),
			MetricTransformation: &cloudwatch.LogMetricFilterMetricTransformationArgs{
				Name: pulumi.String(metric), Namespace: pulumi.String(namespace),
				Value: pulumi.String("1"), DefaultValue: pulumi.String("0"),
			},
		}, pulumi.Parent(c)); err != nil {
			return nil, err
		}
		alarmArgs := &cloudwatch.MetricAlarmArgs{
			AlarmDescription:   pulumi.Sprintf("At least %d API Gateway responses with a 5XX status in 5 minutes (access logs of %s)", args.Alarm5XXThreshold, args.LogGroup.Name),
			ComparisonOperator: pulumi.String("GreaterThanOrEqualToThreshold"),
			EvaluationPeriods:  pulumi.Int(1),
			MetricName:         pulumi.String(metric),
			Namespace:          pulumi.String(namespace),
			Period:             pulumi.Int(300),
			Statistic:          pulumi.String("Sum"),
			Threshold:          pulumi.Float64(float64(args.Alarm5XXThreshold)),
			TreatMissingData:   pulumi.String("notBreaching"),
			Tags:               args.Tags,
		}
		if topic != nil {
			alarmArgs.AlarmActions = pulumi.Array{topic}
			alarmArgs.OkActions = pulumi.Array{topic}
		}
		// The alarm reads the metric the filter publishes: it waits for the filter.
		if c.Alarm, err = cloudwatch.NewMetricAlarm(ctx, name+"-5xx", alarmArgs, pulumi.Parent(c),
			pulumi.DependsOn([]pulumi.Resource{c.MetricFilter})); err != nil {
			return nil, err
		}
		c.Alarm5XXFilterPattern, c.Alarm5XXARN = pulumi.String(pattern).ToStringOutput(), c.Alarm.Arn
	}
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"savedQueries": c.SavedQueries, "alarm5xxFilterPattern": c.Alarm5XXFilterPattern, "alarm5xxArn": c.Alarm5XXARN,
	}); err != nil {
		return nil, err
	}
	return c, nil
}
