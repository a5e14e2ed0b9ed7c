"""The dynamic face: the resources Python programs create with `pulumi_xobin`. Their providers are
defined in `pulumi_xobin.provider`, whose name is pickled into state and never moves."""
