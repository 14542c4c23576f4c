import FlashCore
print(Part.defaultPart)
