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
	var tags pulumi.StringMapInput
	if len(cfg.Tags) > 0 {
		tags = pulumi.ToStringMap(cfg.Tags)
	}

	var restAPIID, deploymentID pulumi.StringInput
	if cfg.RestAPIID == "" {
		demo, err := NewDemoAPI(ctx, "demo-api", tags)
		if err != nil {
			return nil, err
		}
		restAPIID, deploymentID = demo.RestAPIID, demo.DeploymentID
	} else {
		// An existing API: deploy it as it is now. Its own pipeline redeploys it when it changes.
		deployment, err := newDeployment(ctx, "deployment", pulumi.String(cfg.RestAPIID), cfg.RestAPIID)
		if err != nil {
			return nil, err
		}
		restAPIID, deploymentID = pulumi.String(cfg.RestAPIID), deployment.ID().ToStringOutput()
	}

	args := &apigwlogs.AccessLoggingArgs{
		RestAPIID:       restAPIID,
		DeploymentID:    deploymentID,
		StageName:       pulumi.String(cfg.StageName),
		Format:          pulumi.String(cfg.AccessLogFormat),
		RetentionInDays: pulumi.Int(cfg.RetentionInDays),
		AccountSetting:  cfg.AccountSetting,
		Tags:            tags,
	}
	if cfg.CloudWatchRoleARN != "" {
		args.CloudWatchRoleARN = pulumi.String(cfg.CloudWatchRoleARN)
	}
	logging, err := apigwlogs.NewAccessLogging(ctx, "access-logs", args)
	if err != nil {
		return nil, err
	}

	ctx.Export("logGroupName", logging.LogGroupName)
	ctx.Export("logGroupArn", logging.LogGroupARN)
	ctx.Export("cloudWatchRoleArn", logging.CloudWatchRoleARN)
	ctx.Export("accountAction", logging.AccountAction)
	ctx.Export("stageName", logging.StageName)
	ctx.Export("invokeUrl", logging.InvokeURL)
	ctx.Export("accessLogFormat", logging.Format)
	// What one log line will look like, rendered with realistic example values: shown by every preview.
	ctx.Export("sampleAccessLogLine", logging.Format.ApplyT(func(format string) (string, error) {
		return accesslog.Sample(format, accesslog.REST)
	}).(pulumi.StringOutput))
	return logging, nil
}
