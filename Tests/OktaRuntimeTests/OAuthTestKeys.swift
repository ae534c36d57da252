// Keys made for these tests only (Python `cryptography`, 2026-12-07); they protect nothing.
enum TestKeys {
    static let rsaPKCS1 = """
        -----BEGIN RSA PRIVATE KEY-----
        MIIEogIBAAKCAQEA25mm8wWYLaQr6rnZPxWTINvsGhIc0F7WahPUY6beO7lEkwbV
        8ykLJtq1sepDfBvOpZgKlOdmfSTJQYA7eWD9Xe9oURYrqEMMn1bngfLSQMLMcI1W
        iSqXzc5izypgBwH7qPkBheauG3Yai7syrOQUHGh7dWnpSS9iT6QqtpCfoa5jqb1o
        PirGb1vLbf07I24In2D+c80hPoP78ge091FLvPbsArwf6rSJVMjHsrDWm6E51KMH
        BUedUgSmjWL30bl9SKmhXrKVQROyKzV81HxCOI3hVDZXtfYv8si0k0SB3pI8LqPY
        bAGdydfwiVHyMi+mapVd50hiG24NzAT3ylYndQIDAQABAoIBAAPneu7g1MBMUMA8
        a/mG+4B+4yHhhuPzfly7cTARCZbGkqAJ4+g4p2tE7IG3GFpkBNav2dGk6Dm7BjL6
        bH7vc6xlsxVB+iZkhBxvHJrprhrwUQHX7sfDMJi8SHMbc0KcopScp2Nx4vriV316
        0gn93MJWid9gByxBweiIPX7VGmly76semGALt9IsR6TAsdsTAvXc6vtNyVwGfM43
        KP3oIABL6hqN7tZ14T1L+I7LECn9xSwsfNyDKyWT98d82Jw54OkZ3erZ+UuA1Dax
        uSI6j6Wg2k6N9NWdMWQdJRqdSwT1HZ+zK0hZnOPscAjjXNO3cgsvUehw5s4+1iMP
        Z1F4Xd8CgYEA9lU5aqCz7Xc7u4SCWQ+Bk/vs+dt9G5lXoQXzn22KVDGDI2c6hdJy
        Uoct10XirmpkHKfevdsiGrfZgusewydL6uU+2yyggt4t+EEwyiDfoPwFSGAr2EwF
        UMU85z+hsk2y4hdwTDJUL9wEjZcAcffMKuzPKD7Yih2mIilf0EFOJXMCgYEA5Dfb
        zZPGx0UTP9aoMWhbxK1wruVDK3CyKOSwZk3OmpZrdN4k1ZYts03MCjg7LgCycLbI
        hpxHo+hS5tH9SnAY4TuD4/SAjefU+wRJpuJnc0/U41iJn/0kLFbFSClT3ldjasGF
        3rj8glqoOPJgpnoeQLoBSp6g27sRQazHkOC6hXcCgYAU7p8HaYqAlk40HAl7ie7H
        5XN4s+cIrloc68WM+aD0kJSFMKNvdbeTPbtufJjLm2zQZo9t8K4QOSk5j8M4cCFq
        X3qc40jsdfbQDrIXqv11z5SfVtTC94rIF0qal/SkkyetQLKhNvGic37LjVZTWOw3
        hZIA6H48FlLkukFTEAmU8wKBgGtxONQyDFVoWcWmQ4zvOrT/iptsaBEdf2LtN3cS
        joAM7Q4aP3EmwOE3cSYmjwX7YgbaptFo5fluuQjeN8dBuxTethst0w/74zNCM4KT
        +Gw7W1ilKDXgMZWGTF7KxidZMP7jmSjgIlEkaSpWQdZei7uhVlZRFB4eleM7esDk
        bCvFAoGAKvcxNZFHZRMcApsC0T9bJdM/tarZk04zOvJJRfnVrngSO+FnZtgocB87
        rF3bkNj5dh2GWa8SGki9GTytk18oWLaVg4ip9FAjAU3Hd0wdOXAMbc83oPz1u/FX
        FkslO7ASJaASvMABeP8yHd3T1xKssqd/UeQ+uzEPmpd0791nRLc=
        -----END RSA PRIVATE KEY-----
        """

    static let rsaPKCS8 = """
        -----BEGIN PRIVATE KEY-----
        MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQDbmabzBZgtpCvq
        udk/FZMg2+waEhzQXtZqE9Rjpt47uUSTBtXzKQsm2rWx6kN8G86lmAqU52Z9JMlB
        gDt5YP1d72hRFiuoQwyfVueB8tJAwsxwjVaJKpfNzmLPKmAHAfuo+QGF5q4bdhqL
        uzKs5BQcaHt1aelJL2JPpCq2kJ+hrmOpvWg+KsZvW8tt/TsjbgifYP5zzSE+g/vy
        B7T3UUu89uwCvB/qtIlUyMeysNaboTnUowcFR51SBKaNYvfRuX1IqaFespVBE7Ir
        NXzUfEI4jeFUNle19i/yyLSTRIHekjwuo9hsAZ3J1/CJUfIyL6ZqlV3nSGIbbg3M
        BPfKVid1AgMBAAECggEAA+d67uDUwExQwDxr+Yb7gH7jIeGG4/N+XLtxMBEJlsaS
        oAnj6Dina0TsgbcYWmQE1q/Z0aToObsGMvpsfu9zrGWzFUH6JmSEHG8cmumuGvBR
        Adfux8MwmLxIcxtzQpyilJynY3Hi+uJXfXrSCf3cwlaJ32AHLEHB6Ig9ftUaaXLv
        qx6YYAu30ixHpMCx2xMC9dzq+03JXAZ8zjco/eggAEvqGo3u1nXhPUv4jssQKf3F
        LCx83IMrJZP3x3zYnDng6Rnd6tn5S4DUNrG5IjqPpaDaTo301Z0xZB0lGp1LBPUd
        n7MrSFmc4+xwCONc07dyCy9R6HDmzj7WIw9nUXhd3wKBgQD2VTlqoLPtdzu7hIJZ
        D4GT++z5230bmVehBfOfbYpUMYMjZzqF0nJShy3XReKuamQcp9692yIat9mC6x7D
        J0vq5T7bLKCC3i34QTDKIN+g/AVIYCvYTAVQxTznP6GyTbLiF3BMMlQv3ASNlwBx
        98wq7M8oPtiKHaYiKV/QQU4lcwKBgQDkN9vNk8bHRRM/1qgxaFvErXCu5UMrcLIo
        5LBmTc6almt03iTVli2zTcwKODsuALJwtsiGnEej6FLm0f1KcBjhO4Pj9ICN59T7
        BEmm4mdzT9TjWImf/SQsVsVIKVPeV2NqwYXeuPyCWqg48mCmeh5AugFKnqDbuxFB
        rMeQ4LqFdwKBgBTunwdpioCWTjQcCXuJ7sflc3iz5wiuWhzrxYz5oPSQlIUwo291
        t5M9u258mMubbNBmj23wrhA5KTmPwzhwIWpfepzjSOx19tAOsheq/XXPlJ9W1ML3
        isgXSpqX9KSTJ61AsqE28aJzfsuNVlNY7DeFkgDofjwWUuS6QVMQCZTzAoGAa3E4
        1DIMVWhZxaZDjO86tP+Km2xoER1/Yu03dxKOgAztDho/cSbA4TdxJiaPBftiBtqm
        0Wjl+W65CN43x0G7FN62Gy3TD/vjM0IzgpP4bDtbWKUoNeAxlYZMXsrGJ1kw/uOZ
        KOAiUSRpKlZB1l6Lu6FWVlEUHh6V4zt6wORsK8UCgYAq9zE1kUdlExwCmwLRP1sl
        0z+1qtmTTjM68klF+dWueBI74Wdm2ChwHzusXduQ2Pl2HYZZrxIaSL0ZPK2TXyhY
        tpWDiKn0UCMBTcd3TB05cAxtzzeg/PW78VcWSyU7sBIloBK8wAF4/zId3dPXEqyy
        p39R5D67MQ+al3Tv3WdEtw==
        -----END PRIVATE KEY-----
        """

    static let ecSEC1 = """
        -----BEGIN EC PRIVATE KEY-----
        MHcCAQEEIEdTRsts13IBfmQ/kpJNGSZAtMkgHxj8oB2sR1nNsAM9oAoGCCqGSM49
        AwEHoUQDQgAEp+uEo5DWh3vqIgpbHPT9B4OvyMgGYfPdHhUzug1+1KfsZidvBn6v
        8mI7gxF8FdLqlbjt9UwVPRwkQV8ihqhThw==
        -----END EC PRIVATE KEY-----
        """

    static let ecPKCS8 = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgR1NGy2zXcgF+ZD+S
        kk0ZJkC0ySAfGPygHaxHWc2wAz2hRANCAASn64SjkNaHe+oiClsc9P0Hg6/IyAZh
        890eFTO6DX7Up+xmJ28Gfq/yYjuDEXwV0uqVuO31TBU9HCRBXyKGqFOH
        -----END PRIVATE KEY-----
        """

    static let rsaPublic = """
        -----BEGIN PUBLIC KEY-----
        MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA25mm8wWYLaQr6rnZPxWT
        INvsGhIc0F7WahPUY6beO7lEkwbV8ykLJtq1sepDfBvOpZgKlOdmfSTJQYA7eWD9
        Xe9oURYrqEMMn1bngfLSQMLMcI1WiSqXzc5izypgBwH7qPkBheauG3Yai7syrOQU
        HGh7dWnpSS9iT6QqtpCfoa5jqb1oPirGb1vLbf07I24In2D+c80hPoP78ge091FL
        vPbsArwf6rSJVMjHsrDWm6E51KMHBUedUgSmjWL30bl9SKmhXrKVQROyKzV81HxC
        OI3hVDZXtfYv8si0k0SB3pI8LqPYbAGdydfwiVHyMi+mapVd50hiG24NzAT3ylYn
        dQIDAQAB
        -----END PUBLIC KEY-----
        """

    static let rsaJWK =
        #"{"kty": "RSA", "kid": "rsa-test-key", "n": "25mm8wWYLaQr6rnZPxWTINvsGhIc0F7WahPUY6beO7lEkwbV8ykLJtq1sepDfBvOpZgKlOdmfSTJQYA7eWD9Xe9oURYrqEMMn1bngfLSQMLMcI1WiSqXzc5izypgBwH7qPkBheauG3Yai7syrOQUHGh7dWnpSS9iT6QqtpCfoa5jqb1oPirGb1vLbf07I24In2D-c80hPoP78ge091FLvPbsArwf6rSJVMjHsrDWm6E51KMHBUedUgSmjWL30bl9SKmhXrKVQROyKzV81HxCOI3hVDZXtfYv8si0k0SB3pI8LqPYbAGdydfwiVHyMi-mapVd50hiG24NzAT3ylYndQ", "e": "AQAB", "d": "A-d67uDUwExQwDxr-Yb7gH7jIeGG4_N-XLtxMBEJlsaSoAnj6Dina0TsgbcYWmQE1q_Z0aToObsGMvpsfu9zrGWzFUH6JmSEHG8cmumuGvBRAdfux8MwmLxIcxtzQpyilJynY3Hi-uJXfXrSCf3cwlaJ32AHLEHB6Ig9ftUaaXLvqx6YYAu30ixHpMCx2xMC9dzq-03JXAZ8zjco_eggAEvqGo3u1nXhPUv4jssQKf3FLCx83IMrJZP3x3zYnDng6Rnd6tn5S4DUNrG5IjqPpaDaTo301Z0xZB0lGp1LBPUdn7MrSFmc4-xwCONc07dyCy9R6HDmzj7WIw9nUXhd3w", "p": "9lU5aqCz7Xc7u4SCWQ-Bk_vs-dt9G5lXoQXzn22KVDGDI2c6hdJyUoct10XirmpkHKfevdsiGrfZgusewydL6uU-2yyggt4t-EEwyiDfoPwFSGAr2EwFUMU85z-hsk2y4hdwTDJUL9wEjZcAcffMKuzPKD7Yih2mIilf0EFOJXM", "q": "5DfbzZPGx0UTP9aoMWhbxK1wruVDK3CyKOSwZk3OmpZrdN4k1ZYts03MCjg7LgCycLbIhpxHo-hS5tH9SnAY4TuD4_SAjefU-wRJpuJnc0_U41iJn_0kLFbFSClT3ldjasGF3rj8glqoOPJgpnoeQLoBSp6g27sRQazHkOC6hXc", "dp": "FO6fB2mKgJZONBwJe4nux-VzeLPnCK5aHOvFjPmg9JCUhTCjb3W3kz27bnyYy5ts0GaPbfCuEDkpOY_DOHAhal96nONI7HX20A6yF6r9dc-Un1bUwveKyBdKmpf0pJMnrUCyoTbxonN-y41WU1jsN4WSAOh-PBZS5LpBUxAJlPM", "dq": "a3E41DIMVWhZxaZDjO86tP-Km2xoER1_Yu03dxKOgAztDho_cSbA4TdxJiaPBftiBtqm0Wjl-W65CN43x0G7FN62Gy3TD_vjM0IzgpP4bDtbWKUoNeAxlYZMXsrGJ1kw_uOZKOAiUSRpKlZB1l6Lu6FWVlEUHh6V4zt6wORsK8U", "qi": "KvcxNZFHZRMcApsC0T9bJdM_tarZk04zOvJJRfnVrngSO-FnZtgocB87rF3bkNj5dh2GWa8SGki9GTytk18oWLaVg4ip9FAjAU3Hd0wdOXAMbc83oPz1u_FXFkslO7ASJaASvMABeP8yHd3T1xKssqd_UeQ-uzEPmpd0791nRLc"}"#

    static let ecJWK =
        #"{"kty": "EC", "crv": "P-256", "kid": "ec-test-key", "x": "p-uEo5DWh3vqIgpbHPT9B4OvyMgGYfPdHhUzug1-1Kc", "y": "7GYnbwZ-r_JiO4MRfBXS6pW47fVMFT0cJEFfIoaoU4c", "d": "R1NGy2zXcgF-ZD-Skk0ZJkC0ySAfGPygHaxHWc2wAz0"}"#
}
