print("okta-mock: not built yet")
