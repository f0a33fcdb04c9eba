package apigwlogs

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/insights"
)

// DashboardArgs configures a [Dashboard]. APIID and StageName are required, and APIName for REST APIs;
// AccessLogFormat with a LogGroup. APIType and AccessLogFormat must be known when the program runs (they decide
// which widgets exist); every Input may be computed by another resource of the same update.
type DashboardArgs struct {
	// APIType is the API's type: rest (the default), http or websocket. It decides the API Gateway metrics and
	// their dimensions.
	APIType accesslog.APIType `pulumi:"apiType,optional"`
	// APIID is the API's id: the ApiId dimension of HTTP and WebSocket metrics.
	APIID pulumi.StringInput `pulumi:"apiId"`
	// APIName is the REST API's name: the ApiName dimension of REST metrics. Required for REST APIs.
	APIName pulumi.StringInput `pulumi:"apiName,optional"`
	// StageName is the stage's name: the Stage dimension, and part of the dashboard's name.
	StageName pulumi.StringInput `pulumi:"stageName"`
	// LogGroup is the access-log group the Logs Insights widgets read. Optional: without it (access logs sent to
	// Firehose) the dashboard holds API Gateway's metrics only.
	LogGroup *LogGroup `pulumi:"logGroup,optional" provider:"type=index:LogGroup"`
	// AccessLogFormat is the stage's access-log format as sent to API Gateway (resolved, not a preset name): the
	// log widgets are written from its own fields, and a widget it cannot serve is left out, with the reason in
	// the preview. Required with LogGroup.
	AccessLogFormat string `pulumi:"accessLogFormat,optional"`
	// Alarm5XXARN is the 5XX alarm's ARN, shown as an alarm widget. Optional.
	Alarm5XXARN pulumi.StringInput `pulumi:"alarm5xxArn,optional"`
}

// Validate checks the args that are known when the program runs. The error is one or more [ArgError]s.
func (a *DashboardArgs) Validate() error {
	if a == nil {
		return fieldError("args", nil, errArgsRequired)
	}
	c := &checker{}
	if err := ValidateAPIType(a.APIType); err != nil {
		c.add(fieldError("apiType", string(a.APIType), err))
	}
	c.required("apiId", a.APIID != nil, "the API's id")
	c.required("stageName", a.StageName != nil, "the stage's name")
	if a.APIType.OrREST() == accesslog.REST {
		c.required("apiName", a.APIName != nil, "REST API metrics are named by the API's name (ApiName)")
	}
	if a.LogGroup != nil {
		c.required("accessLogFormat", a.AccessLogFormat != "", "the log widgets are written from the format")
	}
	return c.err()
}

// Dashboard is a CloudWatch dashboard for one stage: requests, 4XX and 5XX over time, latency percentiles,
// the top resource paths or routes, the top client IPs and the slowest requests, written as Logs Insights
// widgets from the access-log format's own fields; API Gateway's own metrics for the API type; and the 5XX
// alarm. Its name, <project>-<stack>-<stage>, is in the characters CloudWatch allows. A change of the format
// or the alarm updates the body in place.
type Dashboard struct {
	pulumi.ResourceState

	// DashboardName is the dashboard's name.
	DashboardName pulumi.StringOutput `pulumi:"dashboardName"`
	// DashboardARN is the dashboard's ARN.
	DashboardARN pulumi.StringOutput `pulumi:"dashboardArn"`

	// Dashboard is the CloudWatch dashboard itself.
	Dashboard *cloudwatch.Dashboard
}

// NewDashboard creates the dashboard. It checks its args before it registers anything, and says in the
// preview which log widgets the format cannot serve.
func NewDashboard(ctx *pulumi.Context, name string, args *DashboardArgs, opts ...pulumi.ResourceOption) (*Dashboard, error) {
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("dashboard %s: %w", name, err)
	}
	api := args.APIType.OrREST()
	skipped, err := insights.DashboardSkipped(args.AccessLogFormat, api, args.LogGroup != nil)
	if err != nil {
		return nil, fmt.Errorf("dashboard %s: %w", name, err)
	}
	c := &Dashboard{}
	if err := register(ctx, dashboardToken, name, args, c, opts...); err != nil {
		return nil, err
	}
	for _, s := range skipped {
		if err := ctx.Log.Info(fmt.Sprintf("dashboard widget %s left out: %s", s.Name, s.Reason),
			&pulumi.LogArgs{Resource: c}); err != nil {
			return nil, err
		}
	}
	group, apiName, alarm := pulumi.StringInput(pulumi.String("")), args.APIName, args.Alarm5XXARN
	if args.LogGroup != nil {
		group = args.LogGroup.Name
	}
	if apiName == nil {
		apiName = pulumi.String("")
	}
	if alarm == nil {
		alarm = pulumi.String("")
	}
	l := lookupsFor(ctx, c, opts)
	body := pulumi.All(args.APIID, apiName, args.StageName, group, alarm).ApplyT(func(v []any) (string, error) {
		region, err := l.region()
		if err != nil {
			return "", fmt.Errorf("dashboard %s: %w", name, err)
		}
		body, _, err := insights.Dashboard(insights.DashboardInput{
			Format: args.AccessLogFormat, API: api, APIID: v[0].(string), APIName: v[1].(string),
			Stage: v[2].(string), LogGroup: v[3].(string), AlarmARN: v[4].(string), Region: region,
		})
		if err != nil {
			return "", fmt.Errorf("dashboard %s: %w", name, err)
		}
		return body, nil
	}).(pulumi.StringOutput)
	dashboardName := args.StageName.ToStringOutput().ApplyT(func(stage string) string {
		return insights.DashboardName(ctx.Project(), ctx.Stack(), stage)
	}).(pulumi.StringOutput)
	c.Dashboard, err = cloudwatch.NewDashboard(ctx, name, &cloudwatch.DashboardArgs{
		DashboardName: dashboardName,
		DashboardBody: body,
	}, pulumi.Parent(c))
	if err != nil {
		return nil, err
	}
	c.DashboardName, c.DashboardARN = c.Dashboard.DashboardName, c.Dashboard.DashboardArn
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"dashboardName": c.DashboardName, "dashboardArn": c.DashboardARN,
	}); err != nil {
		return nil, err
	}
	return c, nil
}
