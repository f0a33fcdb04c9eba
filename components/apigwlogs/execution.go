package apigwlogs

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ExecutionLogging is the execution-log level of a REST or WebSocket stage: how much API Gateway writes about
// how it processed each request. The zero value is off. HTTP APIs have no execution logs.
type ExecutionLogging string

// The levels; the strings are the values of the executionLogging config key.
const (
	ExecutionLoggingOff   ExecutionLogging = "off"
	ExecutionLoggingError ExecutionLogging = "error"
	ExecutionLoggingInfo  ExecutionLogging = "info"
)

// ValidateExecutionLogging checks a level.
func ValidateExecutionLogging(l ExecutionLogging) error {
	switch l {
	case "", ExecutionLoggingOff, ExecutionLoggingError, ExecutionLoggingInfo:
		return nil
	}
	return fmt.Errorf("execution logging %q is not allowed: use off (the default), error or info", string(l))
}

// on reports whether the level writes execution logs.
func (l ExecutionLogging) on() bool { return l == ExecutionLoggingError || l == ExecutionLoggingInfo }

// awsLevel is the level as API Gateway spells it (MethodSetting and RouteSettings loggingLevel).
func (l ExecutionLogging) awsLevel() string {
	switch l {
	case ExecutionLoggingError:
		return "ERROR"
	case ExecutionLoggingInfo:
		return "INFO"
	}
	return "OFF"
}

// ExecutionLogGroupPrefix starts the name of the group API Gateway writes a stage's execution logs to:
// API-Gateway-Execution-Logs_{apiId}/{stage}, for REST and WebSocket APIs. API Gateway creates it itself, with
// no retention, when it first needs it; this package creates it first, with retention. Sources: API Gateway
// developer guide, "Set up CloudWatch logging for REST APIs" [V]; the same name for WebSocket APIs [S]
// (shared/AWS-NOTES.md, "Execution logs").
const ExecutionLogGroupPrefix = "API-Gateway-Execution-Logs_"

// ExecutionLogGroupName is the execution-log group of a stage.
func ExecutionLogGroupName(apiID, stageName string) string {
	return ExecutionLogGroupPrefix + apiID + "/" + stageName
}

// executionLogs are the execution-log args a REST or WebSocket stage shares.
type executionLogs struct {
	level           ExecutionLogging
	retention       pulumi.IntInput
	dataTrace       bool
	detailedMetrics bool
	adopt           bool
	kmsKeyARN       pulumi.StringInput
	deleteOnDestroy bool
}

// validate checks the combination and the retention; apiID and stageName must be known to adopt a group.
func (e *executionLogs) validate(apiID, stageName pulumi.StringInput) error {
	if err := ValidateExecutionLogging(e.level); err != nil {
		return err
	}
	if e.dataTrace && !e.level.on() {
		return errors.New("DataTrace needs execution logging (error or info): data trace writes request and " +
			"response bodies into the execution logs")
	}
	if e.adopt {
		_, knownAPI := apiID.(pulumi.String)
		_, knownStage := stageName.(pulumi.String)
		switch {
		case !e.level.on():
			return errors.New("AdoptExecutionLogGroup needs execution logging (error or info)")
		case !knownAPI || !knownStage:
			return errors.New("AdoptExecutionLogGroup needs the API id and the stage name known when the program " +
				"runs (an existing API): a group can only be adopted under its exact name")
		}
	}
	if e.retention == nil {
		e.retention = pulumi.Int(DefaultRetentionInDays)
	}
	var err error
	if e.retention, err = checkInt(e.retention, ValidateRetention); err != nil {
		return err
	}
	e.kmsKeyARN, err = checkString(e.kmsKeyARN, ValidateKMSKeyARN)
	return err
}

// newExecutionLogGroup creates the stage's execution-log group, with retention, so API Gateway never creates
// one without. When the API id and stage name are known now (an existing API), it first looks for the group:
// one API Gateway already created is adopted only with adopt (imported, its retention then updated in place),
// and otherwise the program stops and says how to adopt it.
func newExecutionLogGroup(ctx *pulumi.Context, name string, e *executionLogs, apiID, stageName pulumi.StringInput,
	tags pulumi.StringMapInput, parent pulumi.Resource,
) (*cloudwatch.LogGroup, error) {
	opts := []pulumi.ResourceOption{pulumi.Parent(parent), pulumi.RetainOnDelete(!e.deleteOnDestroy)}
	api, knownAPI := apiID.(pulumi.String)
	stage, knownStage := stageName.(pulumi.String)
	if knownAPI && knownStage {
		group := ExecutionLogGroupName(string(api), string(stage))
		adoption, _, err := groupAdoption(ctx, group, e.adopt, parent, fmt.Sprintf("API Gateway creates it, with no "+
			"retention, when execution logging is turned on before it exists. Adopt it: set the config key "+
			"adoptExecutionLogGroup to true (Go: AdoptExecutionLogGroup), or import it yourself with the exact id %q", group))
		if err != nil {
			return nil, err
		}
		opts = append(opts, adoption...)
	}
	return cloudwatch.NewLogGroup(ctx, name+"-execution", &cloudwatch.LogGroupArgs{
		Name:            pulumi.Sprintf("%s%s/%s", ExecutionLogGroupPrefix, apiID, stageName),
		RetentionInDays: e.retention,
		KmsKeyId:        e.kmsKeyARN,
		Tags:            ownerTags(ctx, tags),
	}, opts...)
}
