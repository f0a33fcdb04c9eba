// Command consumer is the program a platform team writes with the components, importing the module the way
// any other repository does (its own go.mod): two REST APIs that share one account setting, and an HTTP API,
// which needs none. It is built and run under mocks by the repository's tests, so a change that breaks the
// public API of components/apigwlogs fails CI here before it breaks an importer.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
)

// restAPIs are the REST APIs this stack logs; in a real stack their ids come from config or from the stacks
// that own the APIs.
var restAPIs = []struct{ name, id, deployment string }{
	{"orders", "a1b2c3d4e5", "abc123"},
	{"payments", "f6g7h8i9j0", "def456"},
}

// webhooksAPI is an HTTP API, deployed automatically.
const webhooksAPI = "k1l2m3n4o5"

func main() { pulumi.Run(run) }

func run(ctx *pulumi.Context) error {
	// One account setting for the region, shared by every REST stage of the stack: each stage waits for it.
	account, err := apigwlogs.NewAccount(ctx, "apigw-account", nil) // auto: create it only if the region has none
	if err != nil {
		return err
	}
	for _, api := range restAPIs {
		group, err := apigwlogs.NewLogGroup(ctx, api.name, &apigwlogs.LogGroupArgs{RetentionInDays: pulumi.Int(90)})
		if err != nil {
			return err
		}
		stage, err := apigwlogs.NewStage(ctx, api.name, &apigwlogs.StageArgs{
			APIID:           pulumi.String(api.id),
			DeploymentID:    pulumi.String(api.deployment),
			StageName:       pulumi.String("prod"),
			LogGroup:        group,
			Account:         account,
			AccessLogFormat: pulumi.String("json"),
		})
		if err != nil {
			return err
		}
		ctx.Export(api.name+"InvokeUrl", stage.InvokeURL)
	}
	// The composite for the HTTP API: a log group and the stage; HTTP APIs use no account setting.
	webhooks, err := apigwlogs.NewAccessLogging(ctx, "webhooks", &apigwlogs.AccessLoggingArgs{
		APIType:         accesslog.HTTP,
		APIID:           pulumi.String(webhooksAPI),
		StageName:       pulumi.String("$default"),
		AccessLogFormat: pulumi.String("http-json"),
	})
	if err != nil {
		return err
	}
	ctx.Export("webhooksLogGroup", webhooks.LogGroupName)
	ctx.Export("accountAction", account.Action)
	return nil
}
