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

	var apiID, deploymentID pulumi.StringInput
	switch {
	case cfg.APIType == apigwlogs.APIHTTP && cfg.APIID == "":
		demo, err := NewDemoHTTPAPI(ctx, "demo-api", tags)
		if err != nil {
			return nil, err
		}
		apiID = demo.APIID
	case cfg.APIType == apigwlogs.APIHTTP:
		apiID = pulumi.String(cfg.APIID) // the stage deploys it automatically
	case cfg.APIType == apigwlogs.APIWebSocket && cfg.APIID == "":
		demo, err := NewDemoWebSocketAPI(ctx, "demo-api", tags)
		if err != nil {
			return nil, err
		}
		apiID, deploymentID = demo.APIID, demo.DeploymentID
	case cfg.APIType == apigwlogs.APIWebSocket:
		deployment, err := newV2Deployment(ctx, "deployment", pulumi.String(cfg.APIID), cfg.APIID)
		if err != nil {
			return nil, err
		}
		apiID, deploymentID = pulumi.String(cfg.APIID), deployment.ID().ToStringOutput()
	case cfg.APIID == "":
		demo, err := NewDemoAPI(ctx, "demo-api", tags)
		if err != nil {
			return nil, err
		}
		apiID, deploymentID = demo.RestAPIID, demo.DeploymentID
	default:
		// An existing API: deploy it as it is now. Its own pipeline redeploys it when it changes.
		deployment, err := newDeployment(ctx, "deployment", pulumi.String(cfg.APIID), cfg.APIID)
		if err != nil {
			return nil, err
		}
		apiID, deploymentID = pulumi.String(cfg.APIID), deployment.ID().ToStringOutput()
	}

	args := &apigwlogs.AccessLoggingArgs{
		APIType:                cfg.APIType,
		APIID:                  apiID,
		DeploymentID:           deploymentID,
		StageName:              pulumi.String(cfg.StageName),
		RetentionInDays:        pulumi.Int(cfg.RetentionInDays),
		AccountSetting:         cfg.AccountSetting,
		ExecutionLogging:       cfg.ExecutionLogging,
		DataTrace:              cfg.DataTrace,
		DetailedMetrics:        cfg.DetailedMetrics,
		AdoptExecutionLogGroup: cfg.AdoptExecutionLogGroup,
		CreateKMSKey:           cfg.KMSKey == KMSKeyCreate,
		LogGroupClass:          cfg.LogGroupClass,
		DeleteLogsOnDestroy:    !cfg.RetainLogGroupOnDestroy,
		XRayTracing:            cfg.XRayTracing,
		DisableSavedQueries:    !cfg.SavedQueries,
		Alarm5XXThreshold:      cfg.Alarm5XXThreshold,
		Tags:                   tags,
	}
	if cfg.KMSKey != "" && cfg.KMSKey != KMSKeyCreate {
		args.KMSKeyARN = pulumi.String(cfg.KMSKey)
	}
	if cfg.AlarmTopicARN != "" {
		args.AlarmTopicARN = pulumi.String(cfg.AlarmTopicARN)
	}
	if cfg.AccessLogFormat != "" {
		args.Format = pulumi.String(cfg.AccessLogFormat)
	}
	if cfg.ExecutionLogRetentionInDays != SameRetention {
		args.ExecutionLogRetentionInDays = pulumi.Int(cfg.ExecutionLogRetentionInDays)
	}
	if cfg.CloudWatchRoleARN != "" {
		args.CloudWatchRoleARN = pulumi.String(cfg.CloudWatchRoleARN)
	}
	if cfg.FirehoseStreamARN != "" {
		args.FirehoseStreamARN = pulumi.String(cfg.FirehoseStreamARN)
	}
	logging, err := apigwlogs.NewAccessLogging(ctx, "access-logs", args)
	if err != nil {
		return nil, err
	}

	ctx.Export("logGroupName", logging.LogGroupName)
	ctx.Export("logGroupArn", logging.LogGroupARN)
	ctx.Export("executionLogGroupName", logging.ExecutionLogGroupName)
	// The same exports whatever the options: empty when a part is absent.
	queries, pattern, key := pulumi.StringArray{}.ToStringArrayOutput(), pulumi.String("").ToStringOutput(), pulumi.String("").ToStringOutput()
	if logging.Monitoring != nil {
		queries, pattern = logging.Monitoring.QueryNames, logging.Monitoring.FilterPattern
	}
	if logging.Key != nil {
		key = logging.Key.ARN
	}
	ctx.Export("savedQueries", queries)
	ctx.Export("alarm5xxFilterPattern", pattern)
	ctx.Export("kmsKeyArn", key)
	ctx.Export("cloudWatchRoleArn", logging.CloudWatchRoleARN)
	ctx.Export("accountAction", logging.AccountAction)
	ctx.Export("stageName", logging.StageName)
	ctx.Export("invokeUrl", logging.InvokeURL)
	ctx.Export("accessLogFormat", logging.Format)
	// What one log line will look like, rendered with realistic example values: shown by every preview.
	ctx.Export("sampleAccessLogLine", logging.Format.ApplyT(func(format string) (string, error) {
		return accesslog.Sample(format, cfg.APIType.Catalogue())
	}).(pulumi.StringOutput))
	return logging, nil
}
