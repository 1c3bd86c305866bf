import BulletinKit

// Placeholder until the command line lands.
print("bulletin")
