package program

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
)

// Run is the whole program: it checks the config, then registers the resources and the exports. Bad config
// registers nothing.
func Run(ctx *pulumi.Context) error {
	cfg, err := LoadConfig(ctx)
	if err != nil {
		return err
	}
	_, err = Deploy(ctx, cfg)
	return err
}

// Deploy registers the resources for a checked config and exports the stack outputs.
func Deploy(ctx *pulumi.Context, cfg *Config) (*apigwlogs.AccessLogging, error) {
	args := cfg.Args
	api := args.APIType.OrREST()
	switch {
	case api == accesslog.HTTP && cfg.APIID == "":
		demo, err := NewDemoHTTPAPI(ctx, "demo-api", args.Tags)
		if err != nil {
			return nil, err
		}
		args.APIID = demo.APIID
	case api == accesslog.HTTP:
		args.APIID = pulumi.String(cfg.APIID) // the stage deploys it automatically
	case api == accesslog.WebSocket && cfg.APIID == "":
		demo, err := NewDemoWebSocketAPI(ctx, "demo-api", args.Tags)
		if err != nil {
			return nil, err
		}
		args.APIID, args.DeploymentID = demo.APIID, demo.DeploymentID
	case api == accesslog.WebSocket:
		deployment, err := newV2Deployment(ctx, "deployment", pulumi.String(cfg.APIID), cfg.APIID)
		if err != nil {
			return nil, err
		}
		args.APIID, args.DeploymentID = pulumi.String(cfg.APIID), deployment.ID().ToStringOutput()
	case cfg.APIID == "":
		demo, err := NewDemoAPI(ctx, "demo-api", args.Tags)
		if err != nil {
			return nil, err
		}
		args.APIID, args.APIName, args.DeploymentID = demo.APIID, demo.APIName, demo.DeploymentID
	default:
		// An existing API: deploy it as it is now. Its own pipeline redeploys it when it changes.
		deployment, err := newDeployment(ctx, "deployment", pulumi.String(cfg.APIID), cfg.APIID)
		if err != nil {
			return nil, err
		}
		args.APIID, args.DeploymentID = pulumi.String(cfg.APIID), deployment.ID().ToStringOutput()
	}
	logging, err := apigwlogs.NewAccessLogging(ctx, "access-logs", &args)
	if err != nil {
		return nil, err
	}

	// The same exports whatever the options: empty when a part is absent.
	ctx.Export("logGroupName", logging.LogGroupName)
	ctx.Export("logGroupArn", logging.LogGroupARN)
	ctx.Export("executionLogGroupName", logging.ExecutionLogGroupName)
	ctx.Export("executionLogDestinationArn", logging.ExecutionLogDestinationARN)
	ctx.Export("savedQueries", logging.SavedQueries)
	ctx.Export("alarm5xxFilterPattern", logging.Alarm5XXFilterPattern)
	ctx.Export("kmsKeyArn", logging.KMSKeyARN)
	ctx.Export("dashboardName", logging.DashboardName)
	ctx.Export("cloudWatchRoleArn", logging.CloudWatchRoleARN)
	ctx.Export("accountAction", logging.AccountAction)
	ctx.Export("stageName", logging.StageName)
	ctx.Export("invokeUrl", logging.InvokeURL)
	ctx.Export("accessLogFormat", logging.AccessLogFormat)
	// What one log line will look like, rendered with realistic example values: shown by every preview.
	ctx.Export("sampleAccessLogLine", logging.AccessLogFormat.ApplyT(func(format string) (string, error) {
		return accesslog.Sample(format, api)
	}).(pulumi.StringOutput))
	return logging, nil
}
