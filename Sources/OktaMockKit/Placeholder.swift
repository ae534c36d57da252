// The mock server (see issue: okta-mock).
