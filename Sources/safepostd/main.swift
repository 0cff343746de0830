print("safepostd: not built yet")
