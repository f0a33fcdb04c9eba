package apigwlogs

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// AccessLoggingArgs configures [AccessLogging]. RestAPIID, DeploymentID and StageName are required; the rest
// is optional.
type AccessLoggingArgs struct {
	// RestAPIID is the REST API whose stage logs.
	RestAPIID pulumi.StringInput `pulumi:"restApiId"`
	// DeploymentID is the deployment the stage serves.
	DeploymentID pulumi.StringInput `pulumi:"deploymentId"`
	// StageName is the stage's name; see StageArgs.StageName.
	StageName pulumi.StringInput `pulumi:"stageName"`
	// Format is a preset name or a custom format; see StageArgs.Format. Optional: DefaultFormat.
	Format pulumi.StringInput `pulumi:"format"`
	// LogGroupName names the access-log group. Optional: DefaultLogGroupName(ctx, name).
	LogGroupName pulumi.StringInput `pulumi:"logGroupName"`
	// RetentionInDays is the log group's retention; see LogGroupArgs.RetentionInDays. Optional: 7 days.
	RetentionInDays pulumi.IntInput `pulumi:"retentionInDays"`
	// KMSKeyARN encrypts the log group. Optional.
	KMSKeyARN pulumi.StringInput `pulumi:"kmsKeyArn"`
	// AccountSetting says what to do with the region's account setting. Optional: AccountAuto.
	AccountSetting AccountMode `pulumi:"accountSetting"`
	// CloudWatchRoleARN is an existing role for AccountManage; see AccountArgs.CloudWatchRoleARN.
	CloudWatchRoleARN pulumi.StringInput `pulumi:"cloudWatchRoleArn"`
	// Tags are added to everything that takes tags. Optional.
	Tags pulumi.StringMapInput `pulumi:"tags"`
}

// AccessLogging wires a [LogGroup], an [Account] (as AccountSetting says) and a [Stage] that logs to the
// group: access logging for one REST API stage in one call.
//
// Its children take its name: the log group, account and stage components are all called name, and so are
// the AWS resources they hold (the account setting's read is name-current, the policy attachment
// name-policy). Every later rename ships pulumi.Aliases.
type AccessLogging struct {
	pulumi.ResourceState

	// LogGroupName is the access-log group's name.
	LogGroupName pulumi.StringOutput `pulumi:"logGroupName"`
	// LogGroupARN is the access-log group's ARN.
	LogGroupARN pulumi.StringOutput `pulumi:"logGroupArn"`
	// CloudWatchRoleARN is the role the account setting names after this run (see Account.CloudWatchRoleARN);
	// empty for AccountLeave.
	CloudWatchRoleARN pulumi.StringOutput `pulumi:"cloudWatchRoleArn"`
	// AccountAction is what this run does with the account setting (an [AccountAction]).
	AccountAction pulumi.StringOutput `pulumi:"accountAction"`
	// StageName is the stage's name.
	StageName pulumi.StringOutput `pulumi:"stageName"`
	// StageARN is the stage's ARN.
	StageARN pulumi.StringOutput `pulumi:"stageArn"`
	// InvokeURL is the URL that invokes the stage.
	InvokeURL pulumi.StringOutput `pulumi:"invokeUrl"`
	// Format is the access-log format the stage uses.
	Format pulumi.StringOutput `pulumi:"accessLogFormat"`

	// LogGroup, Account and Stage are the parts.
	LogGroup *LogGroup
	Account  *Account
	Stage    *Stage
}

// parts are the checked args of the parts.
type parts struct {
	logGroup *LogGroupArgs
	account  *AccountArgs
	stage    *StageArgs
}

// validate checks the args through the parts' own validate, so a bad arg fails before the composite or any
// part is registered, not half-way through.
func (a *AccessLoggingArgs) validate(ctx *pulumi.Context, name string) (*parts, error) {
	if a == nil {
		return nil, errors.New("args are required")
	}
	logGroup, err := (&LogGroupArgs{
		Name: a.LogGroupName, RetentionInDays: a.RetentionInDays, KMSKeyARN: a.KMSKeyARN, Tags: a.Tags,
	}).validate(ctx, name)
	if err != nil {
		return nil, err
	}
	account, err := (&AccountArgs{
		AccountSetting: a.AccountSetting, CloudWatchRoleARN: a.CloudWatchRoleARN, Tags: a.Tags,
	}).validate()
	if err != nil {
		return nil, err
	}
	stage, err := (&StageArgs{
		RestAPIID: a.RestAPIID, DeploymentID: a.DeploymentID, StageName: a.StageName, Format: a.Format, Tags: a.Tags,
	}).validate()
	if err != nil {
		return nil, err
	}
	return &parts{logGroup: logGroup, account: account, stage: stage}, nil
}

// NewAccessLogging creates the parts. All args are checked before anything is registered.
func NewAccessLogging(ctx *pulumi.Context, name string, args *AccessLoggingArgs, opts ...pulumi.ResourceOption) (*AccessLogging, error) {
	p, err := args.validate(ctx, name)
	if err != nil {
		return nil, fmt.Errorf("access logging %s: %w", name, err)
	}
	c := &AccessLogging{}
	if err := register(ctx, accessLoggingToken, name, args, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)
	if c.LogGroup, err = newLogGroup(ctx, name, p.logGroup, parent); err != nil {
		return nil, err
	}
	if c.Account, err = newAccount(ctx, name, p.account, parent); err != nil {
		return nil, err
	}
	p.stage.LogGroup, p.stage.Account = c.LogGroup, c.Account
	if c.Stage, err = newStage(ctx, name, p.stage, parent); err != nil {
		return nil, err
	}
	c.LogGroupName, c.LogGroupARN = c.LogGroup.Name, c.LogGroup.ARN
	c.CloudWatchRoleARN, c.AccountAction = c.Account.CloudWatchRoleARN, c.Account.Action
	c.StageName, c.StageARN, c.InvokeURL, c.Format = c.Stage.StageName, c.Stage.ARN, c.Stage.InvokeURL, c.Stage.Format
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"logGroupName":      c.LogGroupName,
		"logGroupArn":       c.LogGroupARN,
		"cloudWatchRoleArn": c.CloudWatchRoleARN,
		"accountAction":     c.AccountAction,
		"stageName":         c.StageName,
		"stageArn":          c.StageARN,
		"invokeUrl":         c.InvokeURL,
		"accessLogFormat":   c.Format,
	}); err != nil {
		return nil, err
	}
	return c, nil
}
