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

// executionLogs are the execution-log args that REST and WebSocket stages share, read from the fields of
// [StageArgs] and [WebSocketStageArgs] (which declare them flat: the Go SDK's component construction, which
// other languages go through, copies only a struct's own fields, not an embedded struct's).
type executionLogs struct {
	level           ExecutionLogging
	retention       pulumi.IntInput
	dataTrace       bool
	adopt           bool
	kmsKey          pulumi.StringInput
	deleteOnDestroy bool
}

// check validates the execution-log args of a stage of the API apiID called stageName (see checker), by the
// fields' schema names, and returns them with computed values wrapped in their checks.
func (e executionLogs) check(c *checker, apiID, stageName pulumi.StringInput) executionLogs {
	out := e
	level := e.level // for messages: the zero value reads as off
	if level == "" {
		level = ExecutionLoggingOff
	}
	if err := ValidateExecutionLogging(e.level); err != nil {
		c.add(fieldError("executionLogging", string(e.level), err))
	}
	if e.dataTrace && !e.level.On() {
		c.add(combination("data trace writes request and response bodies into the execution logs: turn "+
			"execution logging on (error or info), or data trace off",
			"dataTrace", e.dataTrace, "executionLogging", level))
	}
	if e.adopt {
		_, knownAPI := known(apiID)
		_, knownStage := known(stageName)
		switch {
		case !e.level.On():
			c.add(combination("adopting the execution-log group needs execution logging (error or info)",
				"adoptExecutionLogGroup", true, "executionLogging", level))
		case !knownAPI || !knownStage:
			c.add(combination("a group can only be adopted under its exact name, so the API id and the stage "+
				"name must be known when the program runs: an existing API, not one created in the same update",
				"adoptExecutionLogGroup", true, "apiId", value(apiID), "stageName", value(stageName)))
		}
	}
	out.retention = c.int("executionLogRetentionInDays", e.retention, ValidateRetention)
	out.kmsKey = c.str("kmsKey", e.kmsKey, ValidateKMSKeyARN)
	return out
}

// newExecutionLogGroup creates the stage's execution-log group, with retention, so API Gateway never creates
// one without. When the API id and stage name are known now (an existing API), it first looks for the group:
// one API Gateway already created is adopted only with AdoptExecutionLogGroup (imported, its retention then
// updated in place), and otherwise the program stops and says how to adopt it.
func newExecutionLogGroup(ctx *pulumi.Context, name string, e executionLogs, apiID, stageName pulumi.StringInput,
	tags pulumi.StringMapInput, parent pulumi.Resource,
) (*cloudwatch.LogGroup, error) {
	opts := []pulumi.ResourceOption{pulumi.Parent(parent), pulumi.RetainOnDelete(!e.deleteOnDestroy)}
	api, knownAPI := known(apiID)
	stage, knownStage := known(stageName)
	if knownAPI && knownStage {
		group := ExecutionLogGroupName(api, stage)
		adoption, _, err := groupAdoption(ctx, group, e.adopt, parent, fmt.Sprintf("API Gateway "+
			"creates it, with no retention, when execution logging is turned on before it exists. Adopt it: set "+
			"adoptExecutionLogGroup to true, or import it yourself with the exact id %q", group))
		if err != nil {
			return nil, err
		}
		opts = append(opts, adoption...)
	}
	retention := e.retention
	if retention == nil {
		retention = pulumi.Int(DefaultRetentionInDays)
	}
	return cloudwatch.NewLogGroup(ctx, name+"-execution", &cloudwatch.LogGroupArgs{
		Name:            pulumi.Sprintf("%s%s/%s", ExecutionLogGroupPrefix, apiID, stageName),
		RetentionInDays: retention,
		KmsKeyId:        e.kmsKey,
		Tags:            ownerTags(ctx, tags),
	}, opts...)
}
