// Package insights writes, from an access-log format, what reads that format's lines in CloudWatch Logs:
// saved Logs Insights queries ([Queries]), the metric filter pattern of a 5XX alarm ([FilterPattern5XX]) and
// the body of a stage's CloudWatch dashboard ([Dashboard], named by [DashboardName]), whose log widgets run
// queries written the same way next to API Gateway's own metrics. It is pure Go, imports accesslog and
// nothing from Pulumi; the Pulumi components create the cloudwatch.QueryDefinition, MetricFilter,
// MetricAlarm and Dashboard resources from what it returns.
//
// Everything is written from the format's own layout, never from a preset's name: the JSON keys, the CSV
// columns, the CLF positions and the XML elements where each $context variable sits. A custom format gets
// queries and a pattern that match it, and a query whose variables the format lacks is left out with the
// reason ([Skipped]).
//
// Sources (AWS documentation, CloudWatch Logs User Guide):
//   - "Filter pattern syntax for metric filters, subscription filters, filter log events, and Live Tail",
//     https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html: JSON property
//     selectors, string and numeric comparisons, space-delimited patterns, the regular expressions allowed;
//   - "CloudWatch Logs Insights language query syntax",
//     https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html, and its pages "parse"
//     (CWL_QuerySyntax-Parse.html: glob mode), "Fields that contain special characters"
//     (CWL_QuerySyntax-Guidelines.html: backticks), "Boolean, comparison, numeric, datetime, and other
//     functions" (CWL_QuerySyntax-operations-functions.html: avg takes a numeric field);
//   - "Supported logs and discovered fields",
//     https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_AnalyzeLogData-discoverable-fields.html:
//     JSON fields in dot notation, array elements by index.
//
// The dashboard's own sources, the CloudWatch API reference ("Dashboard Body Structure and Syntax",
// PutDashboard) and the API Gateway developer guide's metrics page of each API type, are cited in dashboard.go.
//
// Facts not stated by those pages are marked [U] where they are relied on.
package insights
