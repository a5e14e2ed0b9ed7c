"""The dynamic face: the resources Python programs create with `pulumi_xobin` (`resources`), and the
adapter their providers run (`adapter`). The providers' classes are in `pulumi_xobin.provider`, whose
name is pickled into state and never moves."""
