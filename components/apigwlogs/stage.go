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
	RestAPIID pulumi.StringInput `pulumi:"restApiId"`
	// DeploymentID is the deployment the stage serves.
	DeploymentID pulumi.StringInput `pulumi:"deploymentId"`
	// StageName is the stage's name: 1 to 128 characters from A-Z a-z 0-9 _ -.
	StageName pulumi.StringInput `pulumi:"stageName"`
	// LogGroup receives the access logs.
	LogGroup *LogGroup `pulumi:"logGroup"`
	// Format is an access-log preset name (see accesslog.PresetNames) or a custom single-line format with
	// $context variables. Optional: DefaultFormat. A format known now is validated now; one computed by
	// another resource is validated when it resolves, and the stage is not sent to AWS if it is bad.
	Format pulumi.StringInput `pulumi:"format"`
	// Account is the account setting handling of this program. The stage waits for the setting when this
	// stack writes it, because API Gateway rejects access-log settings while the account has no CloudWatch
	// role. Optional: nil when another stack or an administrator owns the setting.
	Account *Account `pulumi:"account"`
	// Tags are added to the stage. Optional.
	Tags pulumi.StringMapInput `pulumi:"tags"`
}

// validate checks the values of the args and resolves the format, once: a preset name becomes its format
// and a custom format is normalised. The wiring (LogGroup, Account) is checked by NewStage, so the composite
// can validate before it has created the parts.
func (a *StageArgs) validate() (*StageArgs, error) {
	switch {
	case a == nil:
		return nil, errors.New("args are required")
	case a.RestAPIID == nil:
		return nil, errors.New("RestAPIID is required")
	case a.DeploymentID == nil:
		return nil, errors.New("DeploymentID is required")
	case a.StageName == nil:
		return nil, errors.New("StageName is required")
	}
	out := *a
	var err error
	if out.StageName, err = checkString(a.StageName, ValidateStageName); err != nil {
		return nil, err
	}
	format := a.Format
	if format == nil {
		format = pulumi.String(DefaultFormat)
	}
	if out.Format, err = mapString(format, ResolveFormat); err != nil {
		return nil, err
	}
	return &out, nil
}

// ResolveFormat turns a preset name or a custom format into the format sent to API Gateway.
func ResolveFormat(v string) (string, error) {
	format, err := accesslog.Resolve(v, accesslog.REST)
	if err != nil {
		return "", fmt.Errorf("access log format: %w", err)
	}
	return format, nil
}

// Stage is an API Gateway REST API stage that sends access logs to a [LogGroup].
type Stage struct {
	pulumi.ResourceState

	// StageName is the stage's name.
	StageName pulumi.StringOutput `pulumi:"stageName"`
	// ARN is the stage's ARN.
	ARN pulumi.StringOutput `pulumi:"arn"`
	// InvokeURL is the URL that invokes the stage.
	InvokeURL pulumi.StringOutput `pulumi:"invokeUrl"`
	// Format is the access-log format the stage uses: a preset resolved, a custom format normalised.
	Format pulumi.StringOutput `pulumi:"format"`
	// Warnings name the format's variables that the catalogue does not list but that are accepted (see
	// accesslog.Warnings): each is also logged as a warning, so a preview shows it.
	Warnings pulumi.StringArrayOutput `pulumi:"warnings"`

	// Stage is the API Gateway stage itself.
	Stage *apigateway.Stage
}

// NewStage creates the stage with access logging on. It checks its args before it registers anything.
func NewStage(ctx *pulumi.Context, name string, args *StageArgs, opts ...pulumi.ResourceOption) (*Stage, error) {
	checked, err := args.validate()
	if err != nil {
		return nil, fmt.Errorf("stage %s: %w", name, err)
	}
	return newStage(ctx, name, checked, opts...)
}

func newStage(ctx *pulumi.Context, name string, args *StageArgs, opts ...pulumi.ResourceOption) (*Stage, error) {
	if args.LogGroup == nil {
		return nil, fmt.Errorf("stage %s: LogGroup is required", name)
	}
	c := &Stage{}
	if err := register(ctx, stageToken, name, args, c, opts...); err != nil {
		return nil, err
	}
	// The log group is a dependency through DestinationArn; the account setting is not referenced by any
	// input, so the wait for it is explicit, like the seed Terraform's depends_on.
	var dependsOn []pulumi.Resource
	if args.Account != nil && args.Account.Account != nil {
		dependsOn = append(dependsOn, args.Account.Account)
	}
	stage, err := apigateway.NewStage(ctx, name, &apigateway.StageArgs{
		RestApi:    args.RestAPIID,
		Deployment: args.DeploymentID,
		StageName:  args.StageName,
		AccessLogSettings: &apigateway.StageAccessLogSettingsArgs{
			DestinationArn: args.LogGroup.ARN,
			Format:         args.Format,
		},
		Tags: args.Tags,
	}, pulumi.Parent(c), pulumi.DependsOn(dependsOn))
	if err != nil {
		return nil, err
	}
	c.Stage = stage
	c.StageName, c.ARN, c.InvokeURL = stage.StageName, stage.Arn, stage.InvokeUrl
	c.Format = args.Format.ToStringOutput()
	c.Warnings = c.Format.ApplyT(func(format string) ([]string, error) {
		warnings := accesslog.Warnings(format, accesslog.REST)
		for _, w := range warnings {
			if err := ctx.Log.Warn("access log format: "+w, &pulumi.LogArgs{Resource: c}); err != nil {
				return nil, err
			}
		}
		return warnings, nil
	}).(pulumi.StringArrayOutput)
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"stageName": c.StageName, "arn": c.ARN, "invokeUrl": c.InvokeURL, "format": c.Format, "warnings": c.Warnings,
	}); err != nil {
		return nil, err
	}
	return c, nil
}
