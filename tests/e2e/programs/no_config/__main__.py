import pulumi

pulumi.export("project", pulumi.get_project())
