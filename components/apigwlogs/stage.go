package apigwlogs

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

// DefaultFormat is the preset a [Stage] logs with when its args name no format.
const DefaultFormat = "json"

// StageArgs configures a [Stage]. RestAPIID, DeploymentID, StageName and LogGroup are required.
type StageArgs struct {
	// RestAPIID is the REST API the stage belongs to.
	RestAPIID pulumi.StringInput
	// DeploymentID is the deployment the stage serves.
	DeploymentID pulumi.StringInput
	// StageName is the stage's name: 1 to 128 characters from A-Z a-z 0-9 _ -.
	StageName string
	// LogGroup receives the access logs.
	LogGroup *LogGroup
	// Format is an access-log preset name (see accesslog.PresetNames) or a custom single-line format with
	// $context variables. Optional: DefaultFormat. A format known now is validated now; one computed by
	// another resource is validated when it resolves, and the stage is not sent to AWS if it is bad.
	Format pulumi.StringInput
	// Account is the account setting this program manages. The stage waits for it, because API Gateway
	// rejects access-log settings while the account has no CloudWatch role. Optional: nil when another stack
	// or an administrator manages the setting.
	Account *Account
	// Tags are added to the stage. Optional.
	Tags pulumi.StringMapInput
}

// Stage is an API Gateway REST API stage that sends access logs to a [LogGroup].
type Stage struct {
	pulumi.ResourceState

	// StageName is the stage's name.
	StageName pulumi.StringOutput `pulumi:"stageName"`
	// InvokeURL is the URL that invokes the stage.
	InvokeURL pulumi.StringOutput `pulumi:"invokeUrl"`
	// Format is the access-log format the stage uses, normalised.
	Format pulumi.StringOutput `pulumi:"format"`
	// Stage is the API Gateway stage itself.
	Stage *apigateway.Stage
}

// NewStage creates the stage with access logging on. It checks its args before it registers anything.
func NewStage(ctx *pulumi.Context, name string, args *StageArgs, opts ...pulumi.ResourceOption) (*Stage, error) {
	switch {
	case args == nil:
		return nil, errors.New("stage: args are required")
	case args.RestAPIID == nil:
		return nil, errors.New("stage: RestAPIID is required")
	case args.DeploymentID == nil:
		return nil, errors.New("stage: DeploymentID is required")
	case args.LogGroup == nil:
		return nil, errors.New("stage: LogGroup is required")
	}
	if err := ValidateStageName(args.StageName); err != nil {
		return nil, err
	}
	format, err := resolveFormat(args.Format)
	if err != nil {
		return nil, err
	}

	c := &Stage{}
	if err := ctx.RegisterComponentResource(stageToken, name, c, opts...); err != nil {
		return nil, err
	}
	// The log group is a dependency through DestinationArn; the account is not referenced by any input, so
	// the wait for it is explicit, like the seed Terraform's depends_on.
	var dependsOn []pulumi.Resource
	if args.Account != nil {
		dependsOn = append(dependsOn, args.Account.Account)
	}
	stage, err := apigateway.NewStage(ctx, name+"-stage", &apigateway.StageArgs{
		RestApi:    args.RestAPIID,
		Deployment: args.DeploymentID,
		StageName:  pulumi.String(args.StageName),
		AccessLogSettings: &apigateway.StageAccessLogSettingsArgs{
			DestinationArn: args.LogGroup.ARN,
			Format:         format,
		},
		Tags: args.Tags,
	}, pulumi.Parent(c), pulumi.DependsOn(dependsOn))
	if err != nil {
		return nil, err
	}
	c.Stage = stage
	c.StageName = stage.StageName
	c.InvokeURL = stage.InvokeUrl
	c.Format = format.ToStringOutput()
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"stageName": c.StageName, "invokeUrl": c.InvokeURL, "format": c.Format,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

// resolveFormat turns the Format arg into the format sent to API Gateway.
func resolveFormat(in pulumi.StringInput) (pulumi.StringInput, error) {
	if in == nil {
		in = pulumi.String(DefaultFormat)
	}
	return mapString(in, func(v string) (string, error) {
		format, err := accesslog.Resolve(v, accesslog.REST)
		if err != nil {
			return "", fmt.Errorf("access log format: %w", err)
		}
		return format, nil
	})
}
