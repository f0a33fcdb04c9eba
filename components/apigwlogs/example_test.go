package apigwlogs_test

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
)

// The common case: one call turns on access logging for a stage of an API this program defines. The account
// setting is left at auto: the stack creates the CloudWatch role and the setting only when the region has
// none, and otherwise creates no IAM resource.
func ExampleNewAccessLogging() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		api, err := apigateway.NewRestApi(ctx, "orders", &apigateway.RestApiArgs{})
		if err != nil {
			return err
		}
		// … resources, methods and integrations …
		deployment, err := apigateway.NewDeployment(ctx, "orders", &apigateway.DeploymentArgs{RestApi: api.ID()})
		if err != nil {
			return err
		}
		logging, err := apigwlogs.NewAccessLogging(ctx, "orders-prod", &apigwlogs.AccessLoggingArgs{
			APIID:           api.ID(),
			DeploymentID:    deployment.ID(),
			StageName:       pulumi.String("prod"),
			AccessLogFormat: pulumi.String("json"),
			RetentionInDays: pulumi.Int(90),
		})
		if err != nil {
			return err
		}
		ctx.Export("accessLogGroup", logging.LogGroupName)
		ctx.Export("accountAction", logging.AccountAction)
		return nil
	})
}

// The account setting on its own, owned by one platform stack: manage points the region's setting at a role
// the stack creates (or at CloudWatchRoleARN).
func ExampleNewAccount() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		account, err := apigwlogs.NewAccount(ctx, "apigw-account", &apigwlogs.AccountArgs{
			AccountSetting: apigwlogs.AccountManage,
		})
		if err != nil {
			return err
		}
		ctx.Export("cloudWatchRoleArn", account.CloudWatchRoleARN)
		return nil
	})
}

// A log group with a customer-managed key and a year of retention.
func ExampleNewLogGroup() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		group, err := apigwlogs.NewLogGroup(ctx, "orders-prod", &apigwlogs.LogGroupArgs{
			RetentionInDays: pulumi.Int(365),
			KMSKey:          pulumi.String("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
		})
		if err != nil {
			return err
		}
		ctx.Export("logGroupArn", group.ARN)
		return nil
	})
}

// The parts wired by hand: the stage takes the log group and the account, and waits for the setting when this
// stack writes it.
func ExampleNewStage() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		account, err := apigwlogs.NewAccount(ctx, "apigw-account", nil) // auto
		if err != nil {
			return err
		}
		group, err := apigwlogs.NewLogGroup(ctx, "orders-prod", nil)
		if err != nil {
			return err
		}
		_, err = apigwlogs.NewStage(ctx, "orders-prod", &apigwlogs.StageArgs{
			APIID:           pulumi.String("a1b2c3d4e5"),
			DeploymentID:    pulumi.String("abc123"),
			StageName:       pulumi.String("prod"),
			LogGroup:        group,
			Account:         account,
			AccessLogFormat: pulumi.String(`$context.requestId $context.identity.sourceIp $context.status`),
		})
		return err
	})
}

// The CloudWatch role on its own, for a program that writes the account setting some other way.
func ExampleNewCloudWatchRole() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		role, err := apigwlogs.NewCloudWatchRole(ctx, "apigw-cloudwatch", nil)
		if err != nil {
			return err
		}
		ctx.Export("roleArn", role.ARN)
		return nil
	})
}

// An HTTP API stage: HTTP APIs use no account setting, so the stage takes only its log group. Without a
// deployment id the stage deploys every change itself (autoDeploy).
func ExampleNewHTTPStage() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		group, err := apigwlogs.NewLogGroup(ctx, "webhooks", nil)
		if err != nil {
			return err
		}
		stage, err := apigwlogs.NewHTTPStage(ctx, "webhooks", &apigwlogs.HTTPStageArgs{
			APIID:           pulumi.String("k1l2m3n4o5"),
			StageName:       pulumi.String("$default"),
			LogGroup:        group,
			AccessLogFormat: pulumi.String("http-json"),
		})
		if err != nil {
			return err
		}
		ctx.Export("invokeUrl", stage.InvokeURL)
		return nil
	})
}

// A WebSocket API stage with execution logs at error level: like a REST stage it waits for the account
// setting, and its execution-log group is created first, with retention.
func ExampleNewWebSocketStage() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		account, err := apigwlogs.NewAccount(ctx, "apigw-account", nil) // auto
		if err != nil {
			return err
		}
		group, err := apigwlogs.NewLogGroup(ctx, "chat", nil)
		if err != nil {
			return err
		}
		stage, err := apigwlogs.NewWebSocketStage(ctx, "chat", &apigwlogs.WebSocketStageArgs{
			APIID:            pulumi.String("p1q2r3s4t5"),
			DeploymentID:     pulumi.String("ghi789"),
			StageName:        pulumi.String("prod"),
			LogGroup:         group,
			Account:          account,
			ExecutionLogging: apigwlogs.ExecutionLoggingError,
		})
		if err != nil {
			return err
		}
		ctx.Export("executionLogGroup", stage.ExecutionLogGroupName)
		return nil
	})
}

// A customer-managed key for two log groups: its policy lets CloudWatch Logs use it for exactly those groups.
func ExampleNewLogKey() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		key, err := apigwlogs.NewLogKey(ctx, "orders-logs", &apigwlogs.LogKeyArgs{
			LogGroupNames: pulumi.StringArray{
				pulumi.String("/apigateway/orders/prod/access"),
				pulumi.String("API-Gateway-Execution-Logs_a1b2c3d4e5/prod"),
			},
		})
		if err != nil {
			return err
		}
		_, err = apigwlogs.NewLogGroup(ctx, "orders-access", &apigwlogs.LogGroupArgs{
			Name:            pulumi.String("/apigateway/orders/prod/access"),
			RetentionInDays: pulumi.Int(365),
			KMSKey:          key.ARN,
		})
		return err
	})
}

// Saved queries and a 5XX alarm written from a log group's format, for a stage this program does not create.
func ExampleNewMonitoring() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		group, err := apigwlogs.NewLogGroup(ctx, "orders", nil)
		if err != nil {
			return err
		}
		format, err := apigwlogs.ResolveFormat("json", accesslog.REST)
		if err != nil {
			return err
		}
		monitoring, err := apigwlogs.NewMonitoring(ctx, "orders", &apigwlogs.MonitoringArgs{
			LogGroup:          group,
			AccessLogFormat:   format,
			Alarm5XXThreshold: 10,
			AlarmTopicARN:     pulumi.String("arn:aws:sns:us-east-1:123456789012:api-alarms"),
		})
		if err != nil {
			return err
		}
		ctx.Export("queries", monitoring.SavedQueries)
		return nil
	})
}

// Validate checks what is known when the program runs and names each bad field by its schema name, with the
// value and what is allowed; a caller can map the fields to its own names (the program maps them to config
// keys).
func ExampleAccessLoggingArgs_Validate() {
	args := &apigwlogs.AccessLoggingArgs{
		APIType:         accesslog.HTTP,
		APIID:           pulumi.String("a1b2c3d4e5"),
		StageName:       pulumi.String("dev.1"),
		RetentionInDays: pulumi.Int(10),
		DataTrace:       true,
	}
	for _, e := range apigwlogs.ArgErrors(args.Validate()) {
		fmt.Println(e.Fields, "-", e.Err)
	}
	// Output:
	// [apiType executionLogging dataTrace adoptExecutionLogGroup] - HTTP APIs have no execution logs (AWS: Execution logs are not supported on protocolType HTTP); use access logs, or a REST or WebSocket API
	// [retentionInDays] - retention 10 days is not allowed: use one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (0 = never expire)
	// [stageName] - stage name "dev.1" is not allowed: use $default or 1 to 128 characters from A-Z a-z 0-9 _ -
}

// The execution-log group API Gateway writes a stage's execution logs to, and which the stages create first.
func ExampleExecutionLogGroupName() {
	fmt.Println(apigwlogs.ExecutionLogGroupName("a1b2c3d4e5", "prod"))
	// Output:
	// API-Gateway-Execution-Logs_a1b2c3d4e5/prod
}

// The key policy of a created key: the account administers it, and CloudWatch Logs may use it for the named
// groups only.
func ExampleKeyPolicy() {
	policy, err := apigwlogs.KeyPolicy("aws", "eu-west-1", "123456789012", []string{"/apigateway/orders/prod/access"})
	if err != nil {
		panic(err)
	}
	fmt.Println(policy)
	// Output:
	// {"Version":"2012-10-17","Statement":[{"Sid":"AccountAdministersTheKey","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},{"Sid":"CloudWatchLogsEncryptsTheseLogGroups","Effect":"Allow","Principal":{"Service":"logs.eu-west-1.amazonaws.com"},"Action":["kms:Encrypt*","kms:Decrypt*","kms:ReEncrypt*","kms:GenerateDataKey*","kms:Describe*"],"Resource":"*","Condition":{"ArnLike":{"kms:EncryptionContext:aws:logs:arn":["arn:aws:logs:eu-west-1:123456789012:log-group:/apigateway/orders/prod/access"]}}}]}
}

// The managed policy's ARN in the partition of any ARN of the account.
func ExamplePushToCloudWatchPolicyARN() {
	fmt.Println(apigwlogs.PushToCloudWatchPolicyARN("arn:aws-cn:iam::123456789012:root"))
	// Output:
	// arn:aws-cn:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs <nil>
}
