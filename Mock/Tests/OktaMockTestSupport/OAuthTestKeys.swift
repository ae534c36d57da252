// Keys made for these tests only (OpenSSL 3.0, 2026-12-07); they protect nothing.
public enum OAuthTestKeys {
    /// The private key of the service app with both scopes (PKCS#1, RS256).
    public static let serviceAppRSA = """
        -----BEGIN RSA PRIVATE KEY-----
        MIIEowIBAAKCAQEAnBwrz56KBr9SEO4SNFz124E2xBVMK9YyhVZIRT1o5g91EYGc
        IaRJ2DJ9xSICdiXeRo7N/WL8it6azhTk78JuZVcjPg9FAp6KPFqaq8rW6v7SCeJs
        a7QCNEZHuNSbCKLwRoDVs/Dx6cV5E1mOesz/KCZdDC4zuSwEprBXOmxs/gfi4dcB
        JEoMAZNefrtiAC+8fX/alExN2G5uco9XUiiFMEyWlWYmGOvA2dqXr0NU1ctLx/Qe
        8nwar4fJ3Ck/HKlf7sNVlMfz+Od0UoipWYxTZaD3+ROFRlz/OxI49qZKnDw9H3BW
        akVVzndM5at6Jz1ux1w6Nuvjl7al6x+IVYFCoQIDAQABAoIBABJxV5GvMrJKXwkl
        /xuVkewtT0mKFJYnN4++GkqnzyFC2TtIuyfUT28NxAMKmgzYO3LNgzN4wsorM1G+
        cS+MIluxmDXIOwhsr3si3xwFmi9oDGtjhxiQSyRe2zFQWMKD8Wv644RfJk1OaZfq
        ICWM22YkZiC+wpiRRTlmIuABmDzIhWJ1MqXY6J7vBqdfJzROPUHOFARGt+9Nttcc
        NIqoJahb/GpM4yTS8PCglK9LSTFdoDGyE8WVd6jeLzf1+fNgi3Pwj0sxfmzUIvbO
        ktqM979U2+eCTK/gdLDVrFni9fRsFvTMmr6+IRlK7NMDgVE/ReR6hqm06Eqig84b
        JN/8O3kCgYEA1gWmPI3BQV7XlWlX+fgOGThlK5PY7yCyLoNO1jW1bxQAhzMgqA36
        ey+DcKjvTEYV0nZRhA7ixUmkxPFOxBx18jko5OvbTcynKziOzjJnBzkKRg4GW4ku
        Qm0FEzkCUBPiFLKEIR7NMSDeNE0YWl5PxdrV4WotxokmHpyHLZauRa0CgYEAurqt
        Wb1Ipd+ZmBosJ0sWoBPo+jYSt1iBX8PFXjdkA+RUw3E9U8vR6yIZNnhJAcc2lnzK
        pZzzAyf2bNEn8/RlqKWdxZfz89BH5a3ayXFhf2nz0AtIRoP+Q1mrb7hXBt6VEN7x
        WSQ557GU3CgUR1q9He4U3Zx3bBQ90f7DXye7x0UCgYBuNNyEI+6WzdKvUl6GDnCc
        Fgkqpmg3wpteDimDboat2xvmgrJXN1N7KV1CnwsSOKi2Bk01dkDZnHFnJGcN3yXx
        A/QF5Vm5NyABxo7qqNOayYl7x28IpZwXgnHxkxKYz5REWiRltamtmaIyRly69AOZ
        +3TVLUrDCA6EBtAo7oVwxQKBgCYMZ8pDYYw7FacCnkCbck7H/88MOaAWbrY+w/bA
        vqZ0Xjk818w9WdbZqd2JgQbVuu/LGdfJNVNNT085BzUUdap5pL5gihsCM8Q/OreV
        XNKDmmSoB+AmgSbkHKS1ITaLIEDBzNfnI81sR/LcT9WCTcrNen71pPfm3/nsOY8o
        H4EpAoGBAMWXLygI8BkMSSD0hh5Q1mgz3Vzg+JMr7/nq8wcATZIZnKkKcO/8cvuj
        SivWFGX2j4HBcl5d64t50t9oANawRQXscgSpaO0/EC1BGmFA7xir3Qa2QByKX7ci
        gYT1yfYbkEudWmInF5D8tMgkrBxIYB0EC2IMjQ82BjcXGHhrulzW
        -----END RSA PRIVATE KEY-----
        """

    /// The private key of the read-only service app (SEC1, ES256).
    public static let readerEC = """
        -----BEGIN EC PRIVATE KEY-----
        MHcCAQEEIEqm0OM+n+6QmwUnKvu1KSyZaYiiYBCF3OoV4VHdfjhCoAoGCCqGSM49
        AwEHoUQDQgAEGbSUK1yvzfU111O90kQlUIlERUAMxJFo0xgP9fzd9dlMfckp4JBC
        CO33TkPasc1DhWVAKK9hH+5+Mfo+QnBLLw==
        -----END EC PRIVATE KEY-----
        """
}
