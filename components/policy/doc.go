// Package policy is a Pulumi policy pack, built with the SDK's policyx framework, that a security team can
// enforce on every stack whatever program, component or tool made the API Gateway stages in it: this
// project's components, a plain aws.apigateway.Stage as the seed's Terraform port writes it, or anything
// else that registers pulumi-aws v6 resources.
//
// [Pack] returns the pack; [Policies] lists its policies, each also available on its own. Each policy's
// description names the scanner and AWS rule IDs it covers (Security Hub, AWS Config, Control Tower,
// Checkov, Trivy, cfn_nag, Prowler, KICS), and each violation message names the resource and the IDs that
// apply to it, so a finding here can be matched to the same finding in another tool:
//
//   - stage-access-logging (mandatory): every REST, HTTP and WebSocket stage has an access-log destination;
//   - access-log-request-id (mandatory): the access-log format has $context.requestId or
//     $context.extendedRequestId;
//   - access-log-not-execution-group (mandatory): access logs never go to API Gateway's own execution-log
//     group (API-Gateway-Execution-Logs_{restApiId}/{stage});
//   - log-group-retention (mandatory): log groups keep logs for at least minimumRetentionDays (365 unless
//     configured), and never-expire passes only with allowNeverExpire;
//   - log-group-kms (advisory): log groups have a KMS key, when requireKms is set;
//   - rest-stage-xray (advisory): REST stages have X-Ray tracing;
//   - stage-execution-logging (advisory, stack-wide): REST stages have "*/*" method settings and WebSocket
//     stages default route settings that log at ERROR or INFO;
//   - method-settings-logging and method-settings-no-data-trace (advisory): method settings log at ERROR or
//     INFO with metrics, and do not log request and response bodies;
//   - execution-log-group-defined (advisory, stack-wide): a REST stage with execution logging has its
//     execution-log group in the stack, so its retention is set rather than never-expire.
//
// Enforcement levels are defaults: a policy pack config file changes them per policy with the standard
// enforcementLevel key, next to the policies' own settings (see [RetentionConfigSchema] and [KMSConfigSchema]).
//
// Properties are read as the engine sends them: pulumi-aws's camelCase names, inputs for resource policies and
// outputs for stack policies. A value unknown at preview (computed by a resource not created yet) is never
// flagged; the same policy sees the resolved value during the update, before the resource is sent to AWS.
//
// The package holds logic only, with no Pulumi program or provider SDK, so it builds fast and tests without
// an engine; the policypack directory at the repository root is the Pulumi policy project that serves it.
package policy
