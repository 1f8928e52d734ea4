import WorkbookCore
print("parlearn")
