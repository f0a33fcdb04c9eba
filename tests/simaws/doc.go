// Package simaws is a simulated AWS account for the engine tests: an `aws` resource provider (standing in
// for pulumi-aws v6.83.4) over one account and one region that several stacks share. It keeps the account's
// state (log groups, IAM roles and attachments, API Gateway's account setting, REST APIs, deployments and
// stages) and enforces what AWS enforces, each rule with its source (collected in components/AWS.md):
// unique names, log group and retention rules, the account setting's role checks, the stage's access-log
// checks, and which changes replace a resource. Operations take a configurable, seeded random latency so the
// engine really runs them in parallel, and every operation is recorded with its start and end time so tests
// can check ordering. Faults can be injected to fail the nth operation of a type once.
package simaws
