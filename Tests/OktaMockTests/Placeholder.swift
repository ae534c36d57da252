// Tests of okta-mock.
