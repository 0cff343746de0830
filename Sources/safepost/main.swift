print("safepost")
