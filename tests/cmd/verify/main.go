// Command verify checks after a deploy that a stage's access logs arrive: it calls the stage's invoke URL
// once, reads the request id API Gateway answers with, waits for that request's line in the access-log group
// in CloudWatch Logs, parses the line with the stack's format, and prints the fields. It is opt-in and needs
// AWS credentials; nothing in CI runs it.
//
//	go run ./tests/cmd/verify -stack dev -path /health     # the demo API answers GET /health
//	go run ./tests/cmd/verify -stack prod -timeout 5m
//	go run ./tests/cmd/verify -url https://abc123defg.execute-api.us-east-1.amazonaws.com/dev \
//	    -log-group /apigateway/apigw-access-logs/dev/access -format json
//
// With -stack it reads the outputs invokeUrl, logGroupName and accessLogFormat from
// `pulumi stack output --json --stack <stack>` (the pulumi CLI on PATH, logged in to the stack's backend);
// -url, -log-group and -format override them, and without -stack all three are needed. -format takes the
// format itself or a preset name (json, clf, http-json …). -path defaults to "/": any status is fine, since
// API Gateway logs the 403 or 404 it answers itself, but use -path /health for the demo API to log a 200.
//
// Credentials come from the AWS SDK's default chain (AWS_ACCESS_KEY_ID…, AWS_PROFILE, ~/.aws, SSO, an
// instance or task role) and need logs:FilterLogEvents on the log group. The region is -region, else
// AWS_REGION or the shared config's, else the one in an execute-api invoke URL.
//
// Exit status: 0 when the line was found and parsed, 1 with the reason otherwise (a timeout names what to
// check), 2 for bad flags.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/tests/verify"
)

// settings are the flags after the stack's outputs filled the gaps.
type settings struct {
	url, path, logGroup, format, region string
	timeout, poll                       time.Duration
}

func main() {
	// A FlagSet of our own, as in tests/cmd/simulate: a dependency may register flags on the global one.
	flags := flag.NewFlagSet("verify", flag.ExitOnError)
	stack := flags.String("stack", "", "read invokeUrl, logGroupName and accessLogFormat from this stack's outputs")
	root := flags.String("root", ".", "the directory with Pulumi.yaml, where pulumi runs")
	var s settings
	flags.StringVar(&s.url, "url", "", "the stage's invoke URL (default: the stack output invokeUrl)")
	flags.StringVar(&s.path, "path", verify.DefaultPath, "the path to call under the invoke URL (the demo API: /health)")
	flags.StringVar(&s.logGroup, "log-group", "", "the access-log group (default: the stack output logGroupName)")
	flags.StringVar(&s.format, "format", "", "the access-log format or a preset name (default: the stack output accessLogFormat)")
	flags.StringVar(&s.region, "region", "", "the AWS region (default: AWS_REGION or the shared config, else the invoke URL's)")
	flags.DurationVar(&s.timeout, "timeout", verify.DefaultTimeout, "how long to wait for the line")
	flags.DurationVar(&s.poll, "poll", verify.DefaultPollInterval, "the time between searches")
	_ = flags.Parse(os.Args[1:])

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if *stack != "" {
		outputs, err := stackOutputs(ctx, "pulumi", *stack, *root)
		if err != nil {
			fail(err)
		}
		s = s.withOutputs(outputs)
	}
	if err := s.complete(*stack); err != nil {
		fmt.Fprintf(os.Stderr, "verify: %v\n", err)
		flags.Usage()
		os.Exit(2)
	}
	if err := run(ctx, s, os.Stdout); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "verify: %v\n", err)
	os.Exit(1)
}

func run(ctx context.Context, s settings, out io.Writer) error {
	var opts []func(*config.LoadOptions) error
	if s.region != "" {
		opts = append(opts, config.WithRegion(s.region))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return fmt.Errorf("loading the AWS config: %w", err)
	}
	if cfg.Region == "" {
		cfg.Region = regionFromURL(s.url)
	}
	if cfg.Region == "" {
		return errors.New("no AWS region: pass -region or set AWS_REGION")
	}
	format, err := resolveFormat(s.format)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Calling %s%s; then searching log group %s in %s for up to %v.\n",
		strings.TrimSuffix(s.url, "/"), s.path, s.logGroup, cfg.Region, s.timeout)
	res, err := verify.Check(ctx, verify.Options{
		InvokeURL:    s.url,
		Path:         s.path,
		LogGroup:     s.logGroup,
		Format:       format,
		Timeout:      s.timeout,
		PollInterval: s.poll,
		Logs:         cloudwatchlogs.NewFromConfig(cfg),
	})
	if res.RequestID != "" {
		fmt.Fprintf(out, "GET %s: status %d, request id %s (%s)\n", res.URL, res.Status, res.RequestID, res.Header)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Found after %d search(es), %v:\n%s\n\n", res.Polls, res.Waited.Round(time.Millisecond), res.Line)
	printFields(out, res.Fields)
	return nil
}

// printFields writes the parsed fields sorted by name, one a line.
func printFields(out io.Writer, fields map[string]string) {
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	slices.Sort(names)
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "field\tvalue\n")
	for _, name := range names {
		fmt.Fprintf(w, "%s\t%s\n", name, fields[name])
	}
	_ = w.Flush()
}

// stackOutputs runs `pulumi stack output --json --stack <stack>` in dir and returns the string outputs.
func stackOutputs(ctx context.Context, pulumi, stack, dir string) (map[string]string, error) {
	bin, err := exec.LookPath(pulumi)
	if err != nil {
		return nil, fmt.Errorf("-stack %s needs the pulumi CLI, which is not on PATH (%v): install it "+
			"(https://www.pulumi.com/docs/install/) or pass -url, -log-group and -format", stack, err)
	}
	cmd := exec.CommandContext(ctx, bin, "stack", "output", "--json", "--stack", stack)
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("pulumi stack output --json --stack %s: %w: %s", stack, err, strings.TrimSpace(stderr.String()))
	}
	var all map[string]any
	if err := json.Unmarshal(raw, &all); err != nil {
		return nil, fmt.Errorf("pulumi stack output --json --stack %s: not a JSON object: %w", stack, err)
	}
	outputs := map[string]string{}
	for k, v := range all {
		if s, ok := v.(string); ok {
			outputs[k] = s
		}
	}
	return outputs, nil
}

// withOutputs fills the flags left empty from the stack's outputs.
func (s settings) withOutputs(outputs map[string]string) settings {
	for _, f := range []struct {
		dst    *string
		output string
	}{{&s.url, "invokeUrl"}, {&s.logGroup, "logGroupName"}, {&s.format, "accessLogFormat"}} {
		if *f.dst == "" {
			*f.dst = outputs[f.output]
		}
	}
	return s
}

// complete says which of -url, -log-group and -format are still missing, and where they could come from.
func (s settings) complete(stack string) error {
	var missing []string
	for _, f := range []struct{ flag, output, value string }{
		{"-url", "invokeUrl", s.url}, {"-log-group", "logGroupName", s.logGroup}, {"-format", "accessLogFormat", s.format},
	} {
		if f.value != "" {
			continue
		}
		if stack != "" {
			missing = append(missing, fmt.Sprintf("%s (stack %s has no output %s)", f.flag, stack, f.output))
		} else {
			missing = append(missing, f.flag)
		}
	}
	if len(missing) > 0 {
		hint := ""
		if stack == "" {
			hint = ", or -stack to read them from a stack's outputs"
		}
		return fmt.Errorf("missing %s%s", strings.Join(missing, ", "), hint)
	}
	return nil
}

// resolveFormat turns a preset name (no "$" in it) into its format; a format is returned as it is.
func resolveFormat(value string) (string, error) {
	if strings.Contains(value, "$") {
		return value, nil
	}
	for _, api := range accesslog.APITypes {
		if f, ok := accesslog.Preset(value, api); ok {
			return f, nil
		}
	}
	return "", fmt.Errorf("-format %q is neither a format with $context variables nor a preset (%s)",
		value, strings.Join(accesslog.PresetNames(), ", "))
}

// regionFromURL reads the region from an execute-api host (<id>.execute-api.<region>.amazonaws.com); "" for
// any other URL, such as a custom domain.
func regionFromURL(invokeURL string) string {
	u, err := url.Parse(invokeURL)
	if err != nil {
		return ""
	}
	parts := strings.Split(u.Hostname(), ".")
	for i := 0; i+2 < len(parts); i++ {
		if parts[i] == "execute-api" && strings.HasPrefix(parts[i+2], "amazonaws") {
			return parts[i+1]
		}
	}
	return ""
}
