package harness

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	pkgworkspace "github.com/pulumi/pulumi/pkg/v3/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
)

// LoadConfig reads a stack's config the way `pulumi up` does: Pulumi.<stack>.yaml, with the defaults that
// Pulumi.yaml declares applied and the stack's values checked against the declared types. root is the
// directory that holds Pulumi.yaml.
func LoadConfig(root, stack string) (config.Map, error) {
	project, err := workspace.LoadProject(filepath.Join(root, "Pulumi.yaml"))
	if err != nil {
		return nil, fmt.Errorf("loading Pulumi.yaml: %w", err)
	}
	sink := diag.DefaultSink(io.Discard, io.Discard, diag.FormatOptions{Color: colors.Never})
	ps, err := workspace.LoadProjectStack(sink, project, filepath.Join(root, "Pulumi."+stack+".yaml"))
	if err != nil {
		return nil, fmt.Errorf("loading Pulumi.%s.yaml: %w", stack, err)
	}
	cfg := ps.Config
	if cfg == nil {
		cfg = config.Map{}
	}
	apply := pkgworkspace.ValidateStackConfigAndApplyProjectConfig
	// The stack has no ESC environment: pass the zero environment value (zero of apply's fourth parameter, so
	// this package needs no direct dependency on github.com/pulumi/esc).
	if err := apply(context.Background(), stack, project, zeroEnv(apply), cfg, nil, config.NopDecrypter); err != nil {
		return nil, fmt.Errorf("stack %s config: %w", stack, err)
	}
	return cfg, nil
}

func zeroEnv[Env any](func(context.Context, string, *workspace.Project, Env, config.Map, config.Encrypter,
	config.Decrypter) error,
) Env {
	var zero Env
	return zero
}
