package kube

import "fmt"

// validate refuses a Config that would fail halfway through an inventory.
func (cfg Config) validate() error {
	for i, r := range cfg.EnvRules {
		if err := r.validate(); err != nil {
			return fmt.Errorf("kube config: environment rule %d: %w", i+1, err)
		}
	}
	return nil
}

func (cfg Config) ownerKeys() []string {
	if cfg.OwnerKeys == nil {
		return DefaultOwnerKeys
	}
	return cfg.OwnerKeys
}
