// Package accesslog holds Amazon API Gateway access-log formats as typed, checked Go values, without
// Pulumi, so it builds fast and works anywhere.
//
// It has:
//   - the catalogue of $context variables valid in access logs, per API type ([REST], [HTTP], [WebSocket]),
//     each with a description and an example value ([Variables], [Var.Info]), and typed names ([RequestID],
//     [SourceIP], [AuthorizerClaim]("email") …) so Go code gets completion instead of strings;
//   - presets ([PresetNames], [Preset]): the AWS developer guide's clf, csv and xml formats with
//     $context.extendedRequestId added, a json preset chosen for security, audit and performance
//     ([JSONPresetFields] says why each field is there), and HTTP and WebSocket variants;
//   - [Build], which writes CLF-style, JSON, CSV or XML formats from fields;
//   - [Validate], [ValidateKnown], [Normalize] and [Resolve], which turn a config value into the format sent
//     to API Gateway or into errors that name the bad value and what is allowed, and [Warnings], which names
//     the variables they let through without the catalogue listing them;
//   - [Sample] and [Render], which show the line a format writes, and [Parse] and [Parser], which read such
//     a line back into fields;
//   - [Estimate], the bytes per line and the CloudWatch Logs ingestion cost per million requests.
//
// The catalogue always lags behind AWS, so validation is forward-compatible: only two kinds of variable fail,
// a likely typo of a catalogue name (one edit from a name of up to 6 bytes, two from a longer one; the error
// says "did you mean") and a variable the catalogue lists for other API types only. Any other well-formed
// $context.<name> passes to API Gateway unchanged, with a warning from [Warnings], and renders as
// [UnlistedExample] in samples.
//
// Facts are from the API Gateway and CloudWatch Logs documentation, summarised with their sources in
// components/AWS.md; comments mark [U] what is designed for but not verified, and [S] what comes from
// secondary sources.
package accesslog
