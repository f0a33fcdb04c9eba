package apigwlogs

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ExecutionLogging is the execution-log level of a REST or WebSocket stage: how much API Gateway writes about
// how it processed each request. The zero value is off. HTTP APIs have no execution logs.
type ExecutionLogging string

// The levels.
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

// On reports whether the level writes execution logs (error or info).
func (l ExecutionLogging) On() bool { return l == ExecutionLoggingError || l == ExecutionLoggingInfo }

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
// no retention, when it first needs it; this package creates it first, with retention. See components/AWS.md,
// "Stages and execution logs".
const ExecutionLogGroupPrefix = "API-Gateway-Execution-Logs_"

// ExecutionLogGroupName is the execution-log group of a stage.
func ExecutionLogGroupName(apiID, stageName string) string {
	return ExecutionLogGroupPrefix + apiID + "/" + stageName
}

// ExecutionLogArgs are the execution-log args that REST and WebSocket stages share. ExecutionLogging,
// DataTrace, AdoptExecutionLogGroup and DeleteOnDestroy must be known when the program runs (they decide
// which resources exist); the others may be computed by another resource of the same update.
type ExecutionLogArgs struct {
	// ExecutionLogging turns on execution logs: off (the default), error or info. The execution-log group
	// API-Gateway-Execution-Logs_{apiId}/{stage} is created first, with ExecutionLogRetentionInDays, and the
	// setting that turns logging on waits for it, so API Gateway never creates it without retention.
	ExecutionLogging ExecutionLogging `pulumi:"executionLogging"`
	// ExecutionLogRetentionInDays is the execution-log group's retention, in days (the values retentionInDays
	// allows). Optional: 7.
	ExecutionLogRetentionInDays pulumi.IntInput `pulumi:"executionLogRetentionInDays"`
	// DataTrace logs request and response bodies in the execution logs; off by default, because bodies may
	// hold personal or secret data. Needs executionLogging error or info.
	DataTrace bool `pulumi:"dataTrace"`
	// AdoptExecutionLogGroup adopts an execution-log group API Gateway already created (it has no retention):
	// the group is imported under its exact name and its retention set. Needs executionLogging, and an API id
	// and stage name known when the program runs (an existing API).
	AdoptExecutionLogGroup bool `pulumi:"adoptExecutionLogGroup"`
	// KMSKey is the ARN of a KMS key that encrypts the execution-log group. Optional.
	KMSKey pulumi.StringInput `pulumi:"kmsKey"`
	// DeleteOnDestroy deletes the execution-log group and its logs when the stack is destroyed; the default,
	// false, keeps them.
	DeleteOnDestroy bool `pulumi:"deleteOnDestroy"`
}

// check validates the execution-log args of a stage of the API apiID called stageName (see checker).
func (e ExecutionLogArgs) check(c *checker, apiID, stageName pulumi.StringInput) ExecutionLogArgs {
	out := e
	level := e.ExecutionLogging // for messages: the zero value reads as off
	if level == "" {
		level = ExecutionLoggingOff
	}
	if err := ValidateExecutionLogging(e.ExecutionLogging); err != nil {
		c.add(fieldError("executionLogging", string(e.ExecutionLogging), err))
	}
	if e.DataTrace && !e.ExecutionLogging.On() {
		c.add(combination("data trace writes request and response bodies into the execution logs: turn "+
			"execution logging on (error or info), or data trace off",
			"dataTrace", e.DataTrace, "executionLogging", level))
	}
	if e.AdoptExecutionLogGroup {
		_, knownAPI := known(apiID)
		_, knownStage := known(stageName)
		switch {
		case !e.ExecutionLogging.On():
			c.add(combination("adopting the execution-log group needs execution logging (error or info)",
				"adoptExecutionLogGroup", true, "executionLogging", level))
		case !knownAPI || !knownStage:
			c.add(combination("a group can only be adopted under its exact name, so the API id and the stage "+
				"name must be known when the program runs: an existing API, not one created in the same update",
				"adoptExecutionLogGroup", true, "apiId", value(apiID), "stageName", value(stageName)))
		}
	}
	out.ExecutionLogRetentionInDays = c.int("executionLogRetentionInDays", e.ExecutionLogRetentionInDays, ValidateRetention)
	out.KMSKey = c.str("kmsKey", e.KMSKey, ValidateKMSKeyARN)
	return out
}

// newExecutionLogGroup creates the stage's execution-log group, with retention, so API Gateway never creates
// one without. When the API id and stage name are known now (an existing API), it first looks for the group:
// one API Gateway already created is adopted only with AdoptExecutionLogGroup (imported, its retention then
// updated in place), and otherwise the program stops and says how to adopt it.
func newExecutionLogGroup(ctx *pulumi.Context, name string, e ExecutionLogArgs, apiID, stageName pulumi.StringInput,
	tags pulumi.StringMapInput, parent pulumi.Resource,
) (*cloudwatch.LogGroup, error) {
	opts := []pulumi.ResourceOption{pulumi.Parent(parent), pulumi.RetainOnDelete(!e.DeleteOnDestroy)}
	api, knownAPI := known(apiID)
	stage, knownStage := known(stageName)
	if knownAPI && knownStage {
		group := ExecutionLogGroupName(api, stage)
		adoption, _, err := groupAdoption(ctx, group, e.AdoptExecutionLogGroup, parent, fmt.Sprintf("API Gateway "+
			"creates it, with no retention, when execution logging is turned on before it exists. Adopt it: set "+
			"adoptExecutionLogGroup to true, or import it yourself with the exact id %q", group))
		if err != nil {
			return nil, err
		}
		opts = append(opts, adoption...)
	}
	retention := e.ExecutionLogRetentionInDays
	if retention == nil {
		retention = pulumi.Int(DefaultRetentionInDays)
	}
	return cloudwatch.NewLogGroup(ctx, name+"-execution", &cloudwatch.LogGroupArgs{
		Name:            pulumi.Sprintf("%s%s/%s", ExecutionLogGroupPrefix, apiID, stageName),
		RetentionInDays: retention,
		KmsKeyId:        e.KMSKey,
		Tags:            ownerTags(ctx, tags),
	}, opts...)
}
