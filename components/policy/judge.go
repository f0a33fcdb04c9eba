package policy

import (
	"context"
	"fmt"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// judge returns a policy's ValidateResource: check, run only on resources of the given types.
func judge(check func(args policyx.ResourceValidationArgs, r policyx.AnalyzerResource) error,
	types ...string,
) func(context.Context, policyx.ResourceValidationArgs) error {
	return func(_ context.Context, args policyx.ResourceValidationArgs) error {
		if !slices.Contains(types, args.Resource.Type) {
			return nil
		}
		return check(args, args.Resource)
	}
}

// report records a violation by the resource being validated; the engine attaches its URN.
func report(args policyx.ResourceValidationArgs, format string, a ...any) {
	args.Manager.ReportViolation(fmt.Sprintf(format, a...), "")
}

// shown returns v's string for a message, or "[secret]" when v is a secret: a policy must not print one.
func shown(v property.Value) string {
	if v.Secret() {
		return "[secret]"
	}
	s, _ := knownString(v)
	return fmt.Sprintf("%q", s)
}

// describe names a resource in a violation message: its type token and its name.
func describe(r policyx.AnalyzerResource) string {
	return fmt.Sprintf("%s %q", r.Type, r.Name)
}
