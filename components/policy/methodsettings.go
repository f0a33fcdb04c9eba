package policy

import (
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// logsExecution reports whether an execution-logging level is on (ERROR or INFO); ok is false when the level is
// unknown at preview.
func logsExecution(level property.Value) (on, ok bool) {
	if level.IsComputed() {
		return false, false
	}
	s, _ := knownString(level)
	return s == "ERROR" || s == "INFO", true
}

// MethodSettingsLogging is the policy that REST method settings log at ERROR or INFO and publish CloudWatch
// metrics (settings.loggingLevel, settings.metricsEnabled), as Checkov CKV2_AWS_4 asks. Whether every stage
// has method settings at all is [StageExecutionLogging]'s check.
func MethodSettingsLogging() policyx.ResourceValidationPolicy {
	return policyx.NewResourceValidationPolicy("method-settings-logging", policyx.ResourceValidationPolicyArgs{
		Description: "API Gateway method settings log at ERROR or INFO and have metrics enabled " +
			idsMethodSettingsLogging.String() + ".",
		EnforcementLevel: policyx.EnforcementLevelAdvisory,
		ValidateResource: judge(func(args policyx.ResourceValidationArgs, r policyx.AnalyzerResource) error {
			level := get(r.Properties, "settings", "loggingLevel")
			if on, ok := logsExecution(level); ok && !on {
				report(args, "%s has settings.loggingLevel %s: set it to ERROR or INFO %s", describe(r), shown(level),
					idsMethodSettingsLogging)
			}
			metrics := get(r.Properties, "settings", "metricsEnabled")
			if on, ok := knownBool(metrics); (ok && !on) || metrics.IsNull() {
				report(args, "%s has CloudWatch metrics off: set settings.metricsEnabled to true %s", describe(r),
					idsMethodSettingsLogging)
			}
			return nil
		}, typeMethodSettings),
	})
}

// MethodSettingsNoDataTrace is the policy that REST method settings do not log full requests and responses
// (settings.dataTraceEnabled): bodies and headers in execution logs can hold credentials and personal data.
func MethodSettingsNoDataTrace() policyx.ResourceValidationPolicy {
	return policyx.NewResourceValidationPolicy("method-settings-no-data-trace", policyx.ResourceValidationPolicyArgs{
		Description: "API Gateway method settings do not log full requests and responses (dataTraceEnabled) " +
			idsDataTrace.String() + ".",
		EnforcementLevel: policyx.EnforcementLevelAdvisory,
		ValidateResource: judge(func(args policyx.ResourceValidationArgs, r policyx.AnalyzerResource) error {
			if on, ok := knownBool(get(r.Properties, "settings", "dataTraceEnabled")); ok && on {
				report(args, "%s logs full requests and responses: set settings.dataTraceEnabled to false %s",
					describe(r), idsDataTrace)
			}
			return nil
		}, typeMethodSettings),
	})
}
