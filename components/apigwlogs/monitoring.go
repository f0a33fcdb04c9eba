package apigwlogs

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/apigw-access-logs/apigw-access-logs/components/insights"
)

// MonitoringArgs configures [Monitoring]. LogGroup and Format are required.
type MonitoringArgs struct {
	// LogGroup is the access-log group the queries read and the metric filter watches.
	LogGroup *LogGroup `pulumi:"logGroup" provider:"type=index:LogGroup"`
	// Format is the stage's access-log format as sent to API Gateway (resolved, not a preset name): the queries
	// and the filter pattern are written from its own field names and positions.
	Format pulumi.StringInput `pulumi:"format"`
	// APIType is the API's type (its $context catalogue).
	APIType APIType `pulumi:"apiType,optional"`
	// DisableSavedQueries leaves out the saved Logs Insights queries (4XX, 5XX, slowest requests, top client
	// IPs, requests by caller), which are on by default.
	DisableSavedQueries bool `pulumi:"disableSavedQueries,optional"`
	// Alarm5XXThreshold turns on the 5XX alarm: it fires when at least this many lines with a 5XX status arrive
	// in 5 minutes. 0, the default, is off. Needs a STANDARD log group (metric filters are not available for
	// INFREQUENT_ACCESS).
	Alarm5XXThreshold int `pulumi:"alarm5xxThreshold,optional"`
	// AlarmTopicARN is the SNS topic the alarm notifies. Optional.
	AlarmTopicARN pulumi.StringInput `pulumi:"alarmTopicArn,optional"`
	// Tags are added to the alarm. Optional.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// snsTopicARN: SNS API reference, topic ARNs arn:<partition>:sns:<region>:<account>:<name>.
func validateAlarm(threshold int, topic pulumi.StringInput, class LogGroupClass) (pulumi.StringInput, error) {
	switch {
	case threshold < 0:
		return nil, fmt.Errorf("5XX alarm threshold %d is not allowed: use 0 (off) or a count of 5XX lines per 5 minutes", threshold)
	case threshold > 0 && class == LogGroupClassInfrequentAccess:
		return nil, errors.New("the 5XX alarm needs a metric filter, which INFREQUENT_ACCESS log groups do not " +
			"support (CloudWatch Logs user guide, \"Log classes\"): use a STANDARD log group or no alarm")
	case threshold == 0 && topic != nil:
		return nil, errors.New("AlarmTopicARN is set but the 5XX alarm is off: set Alarm5XXThreshold above 0")
	}
	return checkString(topic, ValidateSNSTopicARN)
}

// Monitoring holds what is written from a stage's access-log format: saved CloudWatch Logs Insights queries,
// and a metric filter and alarm on 5XX responses. A format change rewrites them in place.
type Monitoring struct {
	pulumi.ResourceState

	// QueryNames are the saved queries' names (as the Logs Insights console lists them).
	QueryNames pulumi.StringArrayOutput `pulumi:"queryNames"`
	// FilterPattern is the 5XX metric filter's pattern; empty when the alarm is off.
	FilterPattern pulumi.StringOutput `pulumi:"filterPattern"`
	// AlarmARN is the 5XX alarm's ARN; empty when it is off.
	AlarmARN pulumi.StringOutput `pulumi:"alarmArn"`

	// Queries are the saved queries; MetricFilter and Alarm the 5XX alarm's parts (nil when off).
	Queries      []*cloudwatch.QueryDefinition
	MetricFilter *cloudwatch.LogMetricFilter
	Alarm        *cloudwatch.MetricAlarm
}

// NewMonitoring creates the queries and the alarm for a log group and its format. The format must be known
// when the program runs (it decides which queries exist); a preset or a format from config always is.
func NewMonitoring(ctx *pulumi.Context, name string, args *MonitoringArgs, opts ...pulumi.ResourceOption) (*Monitoring, error) {
	switch {
	case args == nil || args.LogGroup == nil:
		return nil, fmt.Errorf("monitoring %s: LogGroup is required", name)
	case args.Format == nil:
		return nil, fmt.Errorf("monitoring %s: Format is required", name)
	}
	topic, err := validateAlarm(args.Alarm5XXThreshold, args.AlarmTopicARN, "")
	if err != nil {
		return nil, fmt.Errorf("monitoring %s: %w", name, err)
	}
	c := &Monitoring{}
	if err := register(ctx, monitoringToken, name, args, c, opts...); err != nil {
		return nil, err
	}
	format, err := awaitString(ctx.Context(), args.Format.ToStringOutput())
	if err != nil {
		return nil, fmt.Errorf("monitoring %s: the access-log format must be known to write queries: %w", name, err)
	}
	api := args.APIType.Catalogue()
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
	c.QueryNames = pulumi.ToStringArray(queryNames).ToStringArrayOutput()
	c.FilterPattern, c.AlarmARN = pulumi.String("").ToStringOutput(), pulumi.String("").ToStringOutput()
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
		c.FilterPattern, c.AlarmARN = pulumi.String(pattern).ToStringOutput(), c.Alarm.Arn
	}
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"queryNames": c.QueryNames, "filterPattern": c.FilterPattern, "alarmArn": c.AlarmARN,
	}); err != nil {
		return nil, err
	}
	return c, nil
}
