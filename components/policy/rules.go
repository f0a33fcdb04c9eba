package policy

import "strings"

// ruleIDs are the IDs of the rules a check covers, each prefixed with the tool that defines it.
type ruleIDs []string

// String returns the IDs in brackets, as violation messages end: "[Checkov CKV_AWS_76, Trivy AVD-AWS-0001]".
func (r ruleIDs) String() string { return "[" + strings.Join(r, ", ") + "]" }

// The rule IDs each check covers, and where each was confirmed while writing this pack ([S] secondary source
// only; [U] not confirmed, kept because the issue names it):
//
//   - Security Hub APIGateway.1 with AWS Config api-gw-execution-logging-enabled (ERROR or INFO, REST and
//     WebSocket stages): Security Hub user guide, "Security Hub CSPM controls for Amazon API Gateway"; AWS
//     Config developer guide, api-gw-execution-logging-enabled.
//   - Control Tower CT.APIGATEWAY.PR.1 (method setting for HttpMethod "*" and ResourcePath "/*", ERROR or INFO),
//     CT.APIGATEWAY.PR.2 (REST X-Ray), CT.APIGATEWAY.PR.4 (V2 access logging): AWS Control Tower control
//     reference, "Amazon API Gateway controls". CT.CLOUDWATCH.PR.2 (retained at least one year) and
//     CT.CLOUDWATCH.PR.3 (KMS): same reference, "Amazon CloudWatch controls" (titles only; how PR.2 treats
//     never-expire was not checked).
//   - Security Hub APIGateway.3 and APIGateway.9 [S]: named by Steampipe's AWS compliance mod
//     (foundational_security_apigateway_3, "9 Access logging should be configured for API Gateway V2
//     Stages"); the AWS Config rules behind them, api-gw-xray-enabled and api-gwv2-access-logs-enabled, are
//     confirmed in the Config developer guide.
//   - Security Hub CloudWatch.16 [U]: the Security Hub page was not found; the Config rule it wraps,
//     cw-loggroup-retention-period-check (default 365 days; "Never expire" is COMPLIANT), is confirmed.
//   - Config cloudwatch-log-group-encrypted: Config developer guide.
//   - Checkov (bridgecrewio/checkov source): CKV_AWS_76 APIGatewayAccessLogging (aws_api_gateway_stage and
//     aws_apigatewayv2_stage, access_log_settings destination_arn); CKV_AWS_73 APIGatewayXray
//     (xray_tracing_enabled); CKV2_AWS_4 APIGWLoggingLevelsDefinedProperly.yaml (a stage has method settings
//     with logging_level ERROR or INFO and metrics_enabled); CKV_AWS_276 APIGatewayMethodSettingsDataTrace
//     (data_trace_enabled not true); CKV_AWS_338 CloudWatchLogGroupRetentionYear (0 or >= 365 passes, a
//     missing retention_in_days fails); CKV_AWS_158 CloudwatchLogGroupKMSKey (kms_key_id set).
//   - Trivy (aquasecurity defsec/trivy-checks source): AVD-AWS-0001 api-gateway enable-access-logging,
//     AVD-AWS-0003 api-gateway enable-tracing, AVD-AWS-0017 cloudwatch log-group-customer-key.
//   - cfn_nag (stelligent/cfn_nag source): W69 ApiGatewayStageAccessLoggingRule (AWS::ApiGateway::Stage
//     AccessLogSetting), W46 ApiGatewayV2AccessLoggingRule (AWS::ApiGatewayV2::Stage AccessLogSettings).
//   - Prowler (prowler source): cloudwatch_log_group_retention_policy_specific_days_enabled (default 365;
//     never-expire passes), cloudwatch_log_group_kms_encryption_enabled.
//   - KICS (Checkmarx/kics queries): 1b6799eb-4a7a-4b04-9001-8cceb9999326 "API Gateway Access Logging
//     Disabled" (access_log_settings on v1 and v2 stages; the query also wants v2 default_route_settings
//     logging, which only WebSocket APIs accept); ef0b316a-211e-42f1-888e-64efe172b755 "CloudWatch Without
//     Retention Period Specified" (a missing retention_in_days and 0 both fail); 0afbcfe9-d341-4b92-a64c-
//     7e6de0543879 "CloudWatch Log Group Without KMS"; 982aa526-6970-4c59-8b9b-2ce7e019fe36 "API Gateway With
//     CloudWatch Logging Disabled" (a log group named API-Gateway-Execution-Logs_<rest api id>/<stage name>;
//     KICS asks it of every stage, this pack of stages with execution logging on).
var (
	idsAccessLogREST = ruleIDs{"Checkov CKV_AWS_76", "Trivy AVD-AWS-0001", "cfn_nag W69", "KICS 1b6799eb"}
	idsAccessLogV2   = ruleIDs{"Security Hub APIGateway.9", "Config api-gwv2-access-logs-enabled",
		"Control Tower CT.APIGATEWAY.PR.4", "Checkov CKV_AWS_76", "Trivy AVD-AWS-0001", "cfn_nag W46",
		"KICS 1b6799eb"}
	idsXRay = ruleIDs{"Security Hub APIGateway.3", "Config api-gw-xray-enabled", "Control Tower CT.APIGATEWAY.PR.2",
		"Checkov CKV_AWS_73", "Trivy AVD-AWS-0003"}
	idsExecutionLogging = ruleIDs{"Security Hub APIGateway.1", "Config api-gw-execution-logging-enabled",
		"Control Tower CT.APIGATEWAY.PR.1"}
	idsMethodSettingsLogging = ruleIDs{"Checkov CKV2_AWS_4"}
	idsDataTrace             = ruleIDs{"Checkov CKV_AWS_276"}
	idsRetention             = ruleIDs{"Security Hub CloudWatch.16", "Config cw-loggroup-retention-period-check",
		"Control Tower CT.CLOUDWATCH.PR.2", "Checkov CKV_AWS_338",
		"Prowler cloudwatch_log_group_retention_policy_specific_days_enabled", "KICS ef0b316a"}
	idsKMS = ruleIDs{"Config cloudwatch-log-group-encrypted", "Control Tower CT.CLOUDWATCH.PR.3", "Checkov CKV_AWS_158",
		"Trivy AVD-AWS-0017", "Prowler cloudwatch_log_group_kms_encryption_enabled", "KICS 0afbcfe9"}
	idsExecutionLogGroup = ruleIDs{"KICS 982aa526"}
)
